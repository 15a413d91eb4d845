import { abortReason } from "@weft/core";

/** A held concurrency slot. `index` is the lowest slot number free when it was granted (a swim lane). */
export interface Slot {
  readonly index: number;
  /** Frees the slot, handing it to the most urgent waiter. Idempotent. */
  release(): void;
}

/** How a caller asks for a slot. */
export interface SlotRequest {
  /** Higher runs first; equal priorities are served first come, first served. Default: 0. */
  readonly priority?: number;
  readonly signal?: AbortSignal;
}

interface Waiter {
  readonly priority: number;
  readonly seq: number;
  readonly grant: (slot: Slot) => void;
}

/**
 * At most `capacity` holders at once; the rest queue by priority (higher first, then arrival order). Slots are
 * numbered from 0 and a new holder gets the lowest free number, so profilers can draw stable swim lanes.
 *
 * @example
 * ```ts
 * const pool = new SlotPool(4);
 * const slot = await pool.acquire({ priority: 2, signal });
 * try { await work(); } finally { slot.release(); }
 * ```
 */
export class SlotPool {
  private readonly used = new Set<number>();
  private readonly waiters: Waiter[] = [];
  private seq = 0;

  /** @param capacity the most slots held at once, an integer >= 1 or `Infinity`. Default: `Infinity`. */
  constructor(readonly capacity: number = Number.POSITIVE_INFINITY) {
    if (!(capacity >= 1) || (Number.isFinite(capacity) && !Number.isInteger(capacity))) {
      throw new RangeError(`slot capacity must be an integer >= 1 or Infinity, got ${capacity}`);
    }
  }

  /** Slots held now. */
  get inFlight(): number {
    return this.used.size;
  }

  /** Callers waiting for a slot. */
  get queued(): number {
    return this.waiters.length;
  }

  /** A slot now if one is free and nobody more urgent waits; otherwise `undefined`. */
  tryAcquire(): Slot | undefined {
    if (this.waiters.length > 0 || this.used.size >= this.capacity) return undefined;
    return this.take(this.lowestFree());
  }

  /** A slot, waiting in priority order when all are held. Rejects with the abort reason when aborted. */
  acquire(request: SlotRequest = {}): Promise<Slot> {
    const signal = request.signal;
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    const now = this.tryAcquire();
    if (now) return Promise.resolve(now);
    return new Promise<Slot>((resolve, reject) => {
      const waiter: Waiter = {
        priority: request.priority ?? 0,
        seq: this.seq++,
        grant: (slot) => {
          signal?.removeEventListener("abort", onAbort);
          resolve(slot);
        },
      };
      const onAbort = () => {
        const at = this.waiters.indexOf(waiter);
        if (at >= 0) this.waiters.splice(at, 1);
        reject(abortReason(signal as AbortSignal));
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.enqueue(waiter);
    });
  }

  private enqueue(waiter: Waiter): void {
    let at = this.waiters.length;
    while (at > 0 && (this.waiters[at - 1] as Waiter).priority < waiter.priority) at--;
    this.waiters.splice(at, 0, waiter);
  }

  private lowestFree(): number {
    let index = 0;
    while (this.used.has(index)) index++;
    return index;
  }

  private take(index: number): Slot {
    this.used.add(index);
    let held = true;
    return {
      index,
      release: () => {
        if (!held) return;
        held = false;
        this.used.delete(index);
        const next = this.waiters.shift();
        if (next) next.grant(this.take(this.lowestFree()));
      },
    };
  }
}
