// A profiler fed a list of events (tests of constructed runs; not exported from the package).
import type { WeftEvent } from "@weft/core";
import { Profiler } from "../profiler/profiler.js";

/** A profiler (wall clock at 0) that has recorded `events` in order. */
export function profileEvents(events: readonly WeftEvent[]): Profiler {
  const profiler = new Profiler({ wallClock: () => 0 });
  for (const event of events) profiler.onEvent(event);
  return profiler;
}
