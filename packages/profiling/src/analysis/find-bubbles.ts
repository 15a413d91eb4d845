import type { AttemptSpan, CallSpan, WaitKind, WaitSpan } from "../model/profile-model.js";
import type { Bubble, BubbleCause } from "./analysis-types.js";
import { idleWhileOutstanding, overlapByKey } from "./intervals.js";

const CAUSES: readonly WaitKind[] = ["queue", "rate_limit", "retry_backoff", "budget"];

/**
 * Bubbles: stretches longer than `minMs` where some of `calls` was outstanding and none of `attempts` was in
 * service. The cause is the wait kind of those calls overlapping the bubble most (ties in the order queue,
 * rate_limit, retry_backoff, budget), or `other` when no wait overlaps it.
 */
export function findBubbles(
  calls: readonly CallSpan[],
  attempts: readonly AttemptSpan[],
  alias: string | undefined,
  minMs: number,
): Bubble[] {
  const gaps = idleWhileOutstanding(calls, attempts).filter((gap) => gap.endMs - gap.startMs > minMs);
  const waits: WaitSpan[] = calls.flatMap((call) => call.waits);
  const overlaps = overlapByKey(gaps, waits, (wait) => wait.kind);
  return gaps.map((gap, index) => {
    const byKind = overlaps[index] as Map<string, number>;
    let cause: BubbleCause = "other";
    let best = 0;
    for (const kind of CAUSES) {
      const overlap = byKind.get(kind) ?? 0;
      if (overlap > best) {
        best = overlap;
        cause = kind;
      }
    }
    return {
      ...(alias === undefined ? {} : { alias }),
      startMs: gap.startMs,
      durationMs: gap.endMs - gap.startMs,
      cause,
    };
  });
}
