import type { AttemptSpan, CallSpan } from "../model/profile-model.js";
import { CATEGORY, toMicros } from "../trace/trace-conventions.js";
import type { TraceEvent } from "../trace/trace-types.js";

/**
 * The `calls` counter of an alias: `in_flight` (attempts in service) and `queued` (calls waiting for a slot),
 * one `C` event per instant at which either changes.
 */
export function callCounterEvents(
  pid: number,
  attempts: readonly AttemptSpan[],
  calls: readonly CallSpan[],
): TraceEvent[] {
  const changes: { time: number; inFlight: number; queued: number }[] = [];
  for (const attempt of attempts) {
    changes.push({ time: attempt.startMs, inFlight: 1, queued: 0 });
    changes.push({ time: attempt.endMs, inFlight: -1, queued: 0 });
  }
  for (const call of calls) {
    for (const wait of call.waits) {
      if (wait.kind !== "queue") continue;
      changes.push({ time: wait.startMs, inFlight: 0, queued: 1 });
      changes.push({ time: wait.endMs, inFlight: 0, queued: -1 });
    }
  }
  changes.sort((a, b) => a.time - b.time);
  const events: TraceEvent[] = [];
  let inFlight = 0;
  let queued = 0;
  let shown = { inFlight: 0, queued: 0 };
  for (let index = 0; index < changes.length; ) {
    const time = changes[index]!.time;
    for (; index < changes.length && changes[index]!.time === time; index++) {
      inFlight += changes[index]!.inFlight;
      queued += changes[index]!.queued;
    }
    if (inFlight === shown.inFlight && queued === shown.queued) continue;
    shown = { inFlight, queued };
    events.push({
      name: "calls",
      cat: CATEGORY.metrics,
      ph: "C",
      ts: toMicros(time),
      pid,
      tid: 0,
      args: { in_flight: inFlight, queued },
    });
  }
  return events;
}
