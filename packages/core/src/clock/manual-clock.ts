import { type Clock, sleepWith } from "./clock.js";

interface Timer {
  readonly due: number;
  readonly seq: number;
  readonly resolve: () => void;
}

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * A clock that only moves when told to. `advance(ms)` fires due sleepers in time order and lets
 * the code they wake run before firing the next one, so chains of waits behave as on a real clock.
 *
 * @example
 * ```ts
 * const clock = new ManualClock();
 * const done = limiter.acquire(); // waits on clock.sleep(...)
 * await clock.advance(1_000);
 * ```
 */
export class ManualClock implements Clock {
  private current: number;
  private seq = 0;
  private timers: Timer[] = [];

  /** @param start the initial time in milliseconds. Default: 0. */
  constructor(start = 0) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    // Through `schedule`, so a subclass that observes timers sees sleepers too.
    return sleepWith((due, callback) => this.schedule(due, callback), ms, signal);
  }

  schedule(ms: number, callback: () => void): () => void {
    const timer: Timer = { due: this.current + Math.max(0, ms), seq: this.seq++, resolve: callback };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((t) => t !== timer);
    };
  }

  /** Number of sleepers (and scheduled callbacks) still waiting. */
  get pending(): number {
    return this.timers.length;
  }

  /** Moves time forward by `ms`, firing every sleeper that falls due on the way, in order. */
  async advance(ms: number): Promise<void> {
    const target = this.current + ms;
    await settle();
    for (;;) {
      const next = this.earliest();
      if (!next || next.due > target) break;
      this.timers = this.timers.filter((t) => t !== next);
      this.current = Math.max(this.current, next.due);
      next.resolve();
      await settle();
    }
    this.current = target;
    await settle();
  }

  /** Fires sleepers until none is left (at most `limit` of them, default 10,000), advancing time as needed. */
  async runAll(limit = 10_000): Promise<void> {
    await settle();
    for (let fired = 0; fired < limit; fired++) {
      const next = this.earliest();
      if (!next) return;
      await this.advance(next.due - this.current);
    }
  }

  private earliest(): Timer | undefined {
    let best: Timer | undefined;
    for (const timer of this.timers) {
      if (!best || timer.due < best.due || (timer.due === best.due && timer.seq < best.seq)) {
        best = timer;
      }
    }
    return best;
  }
}
