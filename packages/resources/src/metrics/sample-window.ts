/** Percentiles of a sample, in the sample's unit; all `undefined` while it is empty. */
export interface Percentiles {
  readonly count: number;
  readonly p50: number | undefined;
  readonly p90: number | undefined;
  readonly p95: number | undefined;
  readonly p99: number | undefined;
  readonly max: number | undefined;
}

/** The last `capacity` values of a series (a ring buffer), summarized as percentiles (nearest rank). */
export class SampleWindow {
  private readonly values: number[] = [];
  private next = 0;
  private seen = 0;

  /** @param capacity how many recent values are kept. Default: 2,048. */
  constructor(private readonly capacity = 2_048) {}

  add(value: number): void {
    this.seen++;
    if (this.values.length < this.capacity) this.values.push(value);
    else this.values[this.next] = value;
    this.next = (this.next + 1) % this.capacity;
  }

  /** Percentiles over the kept values; `count` is every value ever added. */
  percentiles(): Percentiles {
    if (this.values.length === 0)
      return { count: 0, p50: undefined, p90: undefined, p95: undefined, p99: undefined, max: undefined };
    const sorted = [...this.values].sort((a, b) => a - b);
    const rank = (q: number) =>
      sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] as number;
    return {
      count: this.seen,
      p50: rank(0.5),
      p90: rank(0.9),
      p95: rank(0.95),
      p99: rank(0.99),
      max: sorted[sorted.length - 1],
    };
  }
}
