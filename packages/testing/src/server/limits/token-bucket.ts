/**
 * A token bucket refilling continuously at `rate` tokens per `periodMs` (a per-minute limit refills a
 * full minute's allowance in 60 s) and holding at most `capacity` (default: one period's allowance; a
 * smaller capacity limits bursts), on caller-supplied timestamps so any clock can drive it.
 */
export class TokenBucket {
  private level: number;
  private updatedAt: number;

  constructor(
    readonly rate: number,
    private readonly periodMs: number,
    now: number,
    readonly capacity: number = rate,
  ) {
    this.level = capacity;
    this.updatedAt = now;
  }

  private refill(now: number): void {
    const elapsed = Math.max(0, now - this.updatedAt);
    this.level = Math.min(this.capacity, this.level + (elapsed * this.rate) / this.periodMs);
    this.updatedAt = now;
  }

  /** Whole tokens available now. */
  remaining(now: number): number {
    this.refill(now);
    return Math.floor(this.level);
  }

  /** Milliseconds until `amount` tokens are available (0 when they are now). */
  waitFor(amount: number, now: number): number {
    this.refill(now);
    const missing = Math.min(amount, this.capacity) - this.level;
    return missing <= 0 ? 0 : Math.ceil((missing * this.periodMs) / this.rate);
  }

  /** Milliseconds until the bucket is full again. */
  untilFull(now: number): number {
    return this.waitFor(this.capacity, now);
  }

  /** Takes `amount` tokens if available; true when taken. */
  tryTake(amount: number, now: number): boolean {
    if (this.waitFor(amount, now) > 0) return false;
    this.level -= Math.min(amount, this.capacity);
    return true;
  }

  /** Takes `amount` tokens even past empty (usage that was already served). */
  charge(amount: number, now: number): void {
    this.refill(now);
    this.level -= amount;
  }

  /** Back to full. */
  reset(now: number): void {
    this.level = this.capacity;
    this.updatedAt = now;
  }
}
