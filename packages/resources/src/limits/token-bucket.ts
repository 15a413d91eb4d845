const SHORTFALL_EPSILON = 1e-9;

/**
 * A token bucket measured in units per minute: it refills continuously at `perMinute / 60_000` per millisecond
 * up to `capacity`. Taking more than is there is allowed once the bucket holds `min(n, capacity)`, leaving a
 * debt that later refills repay, so requests larger than the burst still get through at the average rate.
 * Time is passed in (clock milliseconds), so the bucket itself never waits.
 */
export class TokenBucket {
  private level: number;
  private last: number;
  private rate: number;
  private cap: number;
  private held = false;

  /**
   * @param perMinute refill rate, > 0.
   * @param capacity the most the bucket holds (the burst), >= 1.
   * @param now the current clock time.
   * @param level what the bucket holds at first. Default: full.
   */
  constructor(perMinute: number, capacity: number, now: number, level?: number) {
    if (!(perMinute > 0)) throw new RangeError(`bucket rate must be > 0, got ${perMinute}`);
    this.rate = perMinute / 60_000;
    this.cap = Math.max(1, capacity);
    this.level = Math.min(this.cap, level ?? this.cap);
    this.last = now;
  }

  /** Refill rate in units per minute. */
  get perMinute(): number {
    return this.rate * 60_000;
  }

  /** The most the bucket holds. */
  get capacity(): number {
    return this.cap;
  }

  /** What the bucket holds at `now` (negative while in debt). */
  available(now: number): number {
    this.refill(now);
    return this.level;
  }

  /** Milliseconds from `now` until `n` can be taken (0 when it can be taken now). */
  waitFor(n: number, now: number): number {
    this.refill(now);
    const need = Math.min(n, this.cap) - this.level;
    // A shortfall of a rounding error is none: waiting for it could last less than the clock can tell apart.
    return need <= SHORTFALL_EPSILON ? 0 : need / this.rate;
  }

  /** Takes `n` (the caller checked {@link waitFor}); returns the level left. */
  take(n: number, now: number): number {
    this.refill(now);
    this.level -= n;
    return this.level;
  }

  /** Puts `n` back (a refund), never above capacity. */
  give(n: number, now: number): void {
    this.refill(now);
    this.level = Math.min(this.cap, this.level + n);
  }

  /** Raises the level to at least `level`, never above capacity. */
  raiseTo(level: number, now: number): void {
    this.refill(now);
    this.level = Math.min(this.cap, Math.max(this.level, level));
  }

  /** Lowers the level to at most `level` (the server knows better). */
  clampTo(level: number, now: number): void {
    this.refill(now);
    this.level = Math.min(this.level, level);
  }

  /** Changes the refill rate and capacity from `now` on, keeping what the bucket holds (up to the new capacity). */
  reshape(perMinute: number, capacity: number, now: number): void {
    this.refill(now);
    this.rate = perMinute / 60_000;
    this.cap = Math.max(1, capacity);
    this.level = Math.min(this.level, this.cap);
  }

  /** Stops (`true`) or resumes (`false`) refilling from `now` on, keeping the level. */
  hold(held: boolean, now: number): void {
    this.refill(now);
    this.held = held;
  }

  private refill(now: number): void {
    if (now > this.last) {
      if (!this.held) this.level = Math.min(this.cap, this.level + (now - this.last) * this.rate);
      this.last = now;
    }
  }
}
