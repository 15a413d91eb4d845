import { MinHeap } from "./min-heap.js";

/** Anything with a start and an end. */
export interface Timed {
  readonly startMs: number;
  readonly endMs: number;
}

/**
 * Puts each span on the lowest-numbered lane free at its start (a lane is free once its last span ended, touching
 * spans share a lane), so the number of lanes is the peak concurrency. Returns the lanes, each in start order.
 */
export function assignLanes<T extends Timed>(spans: readonly T[]): T[][] {
  const sorted = [...spans].sort((a, b) => a.startMs - b.startMs || a.endMs - b.endMs);
  const lanes: T[][] = [];
  const busy = new MinHeap<{ end: number; lane: number }>(
    (a, b) => a.end < b.end || (a.end === b.end && a.lane < b.lane),
  );
  const free = new MinHeap<number>((a, b) => a < b);
  for (const span of sorted) {
    for (let top = busy.peek(); top && top.end <= span.startMs; top = busy.peek()) {
      busy.pop();
      free.push(top.lane);
    }
    const lane = free.pop() ?? lanes.length;
    if (lane === lanes.length) lanes.push([]);
    (lanes[lane] as T[]).push(span);
    busy.push({ end: Math.max(span.startMs, span.endMs), lane });
  }
  return lanes;
}
