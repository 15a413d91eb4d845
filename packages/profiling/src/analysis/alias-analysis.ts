import type { AttemptSpan, CallSpan, Mark } from "../model/profile-model.js";
import type { AliasAnalysis } from "./analysis-types.js";
import { findBubbles } from "./find-bubbles.js";
import { peakConcurrency } from "./intervals.js";
import { tokenTotals } from "./token-totals.js";
import { waitTotals } from "./wait-totals.js";

/** What one alias's figures are computed from. */
export interface AliasInput {
  readonly alias: string;
  readonly attempts: readonly AttemptSpan[];
  readonly calls: readonly CallSpan[];
  readonly marks: readonly Mark[];
  /** Configured capacity, if known. */
  readonly capacity: number | undefined;
  readonly windowMs: number;
  readonly minBubbleMs: number;
}

function count<T>(items: readonly T[], test: (item: T) => boolean): number {
  let total = 0;
  for (const item of items) if (test(item)) total += 1;
  return total;
}

/** The figures of one alias; see design_docs/profiling.md for each definition. */
export function analyzeAlias(input: AliasInput): AliasAnalysis {
  const { attempts, calls, marks } = input;
  const slots = new Set(attempts.map((attempt) => `${attempt.endpoint}\u0000${attempt.slot}`));
  const capacity = input.capacity ?? slots.size;
  const busyMs = attempts.reduce((sum, attempt) => sum + (attempt.endMs - attempt.startMs), 0);
  const waits = waitTotals(calls);
  const queueWaits = calls.map((call) =>
    call.waits.reduce((sum, wait) => sum + (wait.kind === "queue" ? wait.endMs - wait.startMs : 0), 0),
  );
  const bubbles = findBubbles(calls, attempts, input.alias, input.minBubbleMs);
  const marked = (category: string) => count(marks, (mark) => mark.category === category);
  return {
    alias: input.alias,
    capacity,
    capacitySource: input.capacity === undefined ? "observed" : "configured",
    utilization: input.windowMs > 0 && capacity > 0 ? busyMs / (input.windowMs * capacity) : 0,
    busyMs,
    peakInFlight: peakConcurrency(attempts),
    calls: {
      total: calls.length,
      ok: count(calls, (call) => call.outcome === "ok"),
      failed: count(calls, (call) => call.outcome === "failed"),
      fallback: count(calls, (call) => call.outcome === "fallback"),
      inFlight: count(calls, (call) => call.outcome === "in_flight"),
      cached: marked("cache"),
    },
    attempts: {
      total: attempts.length,
      ok: count(attempts, (attempt) => attempt.outcome === "ok"),
      rateLimited: count(attempts, (attempt) => attempt.outcome === "rate_limited"),
      timeout: count(attempts, (attempt) => attempt.outcome === "timeout"),
      failed: count(attempts, (attempt) => attempt.outcome === "failed"),
      aborted: count(attempts, (attempt) => attempt.outcome === "aborted"),
      inFlight: count(attempts, (attempt) => attempt.outcome === "in_flight"),
    },
    waits,
    meanQueueWaitMs: calls.length > 0 ? waits.queueMs / calls.length : 0,
    maxQueueWaitMs: queueWaits.reduce((max, wait) => Math.max(max, wait), 0),
    meanServiceMs: attempts.length > 0 ? busyMs / attempts.length : 0,
    rateLimitEvents: marked("rate_limit"),
    retries: marked("retry"),
    fallbacks: marked("fallback"),
    bubbles,
    bubbleMs: bubbles.reduce((sum, bubble) => sum + bubble.durationMs, 0),
    ...tokenTotals(attempts),
  };
}
