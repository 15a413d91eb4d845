import type { Interval } from "./analysis-types.js";

/**
 * The stretches (merged, in order, of positive length) where at least one `outstanding` interval is open and no
 * `busy` interval is. Intervals are half-open: one ending at t and another starting at t leave no gap.
 */
export function idleWhileOutstanding(
  outstanding: readonly Interval[],
  busy: readonly Interval[],
): Interval[] {
  const points: { time: number; open: number; busy: number }[] = [];
  for (const span of outstanding) {
    points.push({ time: span.startMs, open: 1, busy: 0 }, { time: span.endMs, open: -1, busy: 0 });
  }
  for (const span of busy)
    points.push({ time: span.startMs, open: 0, busy: 1 }, { time: span.endMs, open: 0, busy: -1 });
  points.sort((a, b) => a.time - b.time);
  const gaps: Interval[] = [];
  let open = 0;
  let inService = 0;
  for (let index = 0; index < points.length; ) {
    const time = points[index]!.time;
    for (; index < points.length && points[index]!.time === time; index++) {
      open += points[index]!.open;
      inService += points[index]!.busy;
    }
    const next = points[index]?.time;
    if (next === undefined || next <= time || open <= 0 || inService > 0) continue;
    const previous = gaps.at(-1);
    if (previous && previous.endMs === time)
      gaps[gaps.length - 1] = { startMs: previous.startMs, endMs: next };
    else gaps.push({ startMs: time, endMs: next });
  }
  return gaps;
}

/**
 * The most intervals open at once. Half-open, so touching intervals do not overlap; a zero-length interval counts
 * at its instant alongside every interval open there.
 */
export function peakConcurrency(intervals: readonly Interval[]): number {
  // order at equal times: ends of real intervals, then starts, then ends of zero-length ones
  const points: { time: number; order: number; delta: number }[] = [];
  for (const span of intervals) {
    points.push({ time: span.startMs, order: 1, delta: 1 });
    points.push({ time: span.endMs, order: span.endMs > span.startMs ? 0 : 2, delta: -1 });
  }
  points.sort((a, b) => a.time - b.time || a.order - b.order);
  let open = 0;
  let peak = 0;
  for (const point of points) {
    open += point.delta;
    peak = Math.max(peak, open);
  }
  return peak;
}

/**
 * How long each of `spans` overlaps each of the disjoint, ordered `targets`, summed per target and per `key`.
 * Returns one map per target.
 */
export function overlapByKey<T extends Interval>(
  targets: readonly Interval[],
  spans: readonly T[],
  key: (span: T) => string,
): Map<string, number>[] {
  const sums = targets.map(() => new Map<string, number>());
  for (const span of spans) {
    let low = 0;
    let high = targets.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (targets[middle]!.endMs <= span.startMs) low = middle + 1;
      else high = middle;
    }
    for (let index = low; index < targets.length && targets[index]!.startMs < span.endMs; index++) {
      const target = targets[index]!;
      const overlap = Math.min(target.endMs, span.endMs) - Math.max(target.startMs, span.startMs);
      if (overlap <= 0) continue;
      const sum = sums[index]!;
      sum.set(key(span), (sum.get(key(span)) ?? 0) + overlap);
    }
  }
  return sums;
}
