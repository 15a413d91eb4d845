/**
 * A token bucket refilling continuously to `capacity` over `periodMs` (a per-minute limit refills a
 * full minute's allowance in 60 s), on caller-supplied timestamps so any clock can drive it.
 */
export class TokenBucket {
  private level: number;
  private updatedAt: number;

  constructor(
    readonly capacity: number,
    private readonly periodMs: number,
    now: number,
  ) {
    this.level = capacity;
    this.updatedAt = now;
  }

  private refill(now: number): void {
    const elapsed = Math.max(0, now - this.updatedAt);
    this.level = Math.min(this.capacity, this.level + (elapsed * this.capacity) / this.periodMs);
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
    return missing <= 0 ? 0 : Math.ceil((missing * this.periodMs) / this.capacity);
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
