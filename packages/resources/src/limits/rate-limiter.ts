import { abortReason, type CancelTimer, type Clock, startTimer, systemClock } from "@weft/core";
import type { RateLimitInfo } from "@weft/provider";
import { AdaptiveScale, adaptivePolicy } from "./adaptive-scale.js";
import {
  MAX_PAUSE_MS,
  type RateAdjustment,
  type RateLimiterOptions,
  type RateOutcome,
  type RateTicket,
} from "./rate-limiter-types.js";
import { TokenBucket } from "./token-bucket.js";

interface Waiter {
  readonly tokens: number;
  readonly since: number;
  readonly grant: () => void;
}

/**
 * Client-side rate limiting for one endpoint: token buckets for requests and tokens per minute, FIFO waiting on
 * the injected clock, correction from the server's rate-limit headers, and (by default) adaptive rates:
 * multiplicative decrease on 429/529, gradual recovery on success. An adaptive limiter with configured rates also
 * sends a single probe request first and waits for its answer, so it learns the server's limits from the headers
 * before bursting; it then sends the burst those headers allow and refills only once the burst's first answer
 * has corrected the bucket.
 *
 * @example
 * ```ts
 * const limiter = new RateLimiter({ rpm: 500, tpm: 200_000, clock });
 * const ticket = await limiter.acquire(estimatedTokens, signal);
 * ticket.complete({ tokensUsed: 812, rateLimit: response.rateLimit });
 * ```
 */
export class RateLimiter {
  private readonly clock: Clock;
  private readonly burstSeconds: number;
  private readonly adaptive: AdaptiveScale | undefined;
  private readonly onAdjust: ((adjustment: RateAdjustment) => void) | undefined;
  private requests: TokenBucket | undefined;
  private tokens: TokenBucket | undefined;
  private rpmCeiling: number | undefined;
  private tpmCeiling: number | undefined;
  private issued = 0;
  private tokensIssued = 0;
  private pausedUntil = Number.NEGATIVE_INFINITY;
  private probing: boolean;
  // After the probe fills the bucket, the burst is sent but refill waits for the burst's first answer: until the
  // burst reaches the server, the server's bucket may be full and not refilling, so ours must not either.
  private holdingRefill = false;
  private outstanding = 0;
  private readonly waiters: Waiter[] = [];
  private cancelTimer: CancelTimer | undefined;

  constructor(options: RateLimiterOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.burstSeconds = options.burstSeconds ?? 1;
    if (!(this.burstSeconds > 0)) throw new RangeError(`burstSeconds must be > 0, got ${this.burstSeconds}`);
    this.rpmCeiling = options.rpm;
    this.tpmCeiling = options.tpm;
    const now = this.clock.now();
    const policy = adaptivePolicy(options.adaptive, options.rpm);
    // An adaptive limiter does not trust its configured burst: it starts with one request (the probe) and
    // fills from the probe's rate-limit headers, or else at the configured rate (slow start).
    const initial = policy ? 1 : undefined;
    if (options.rpm !== undefined) {
      this.requests = new TokenBucket(options.rpm, this.burst(options.rpm), now, initial);
    }
    if (options.tpm !== undefined) this.tokens = new TokenBucket(options.tpm, this.burst(options.tpm), now);
    this.adaptive = policy && new AdaptiveScale(policy);
    this.probing = this.adaptive !== undefined && (options.rpm !== undefined || options.tpm !== undefined);
    this.onAdjust = options.onAdjust;
  }

  /** The request rate in force (per minute), or `undefined` when requests are not limited. */
  get rpm(): number | undefined {
    return this.requests?.perMinute;
  }

  /** The token rate in force (per minute), or `undefined` when tokens are not limited. */
  get tpm(): number | undefined {
    return this.tokens?.perMinute;
  }

  /** Requests waiting for the buckets. */
  get queued(): number {
    return this.waiters.length;
  }

  /**
   * Waits (first come, first served, abortably) until one request and `tokens` tokens can be taken, takes them
   * and returns the ticket. Rejects with the abort reason when aborted.
   */
  acquire(tokens: number, signal?: AbortSignal): Promise<RateTicket> {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    const ticket = this.tryAcquire(tokens);
    if (ticket) return Promise.resolve(ticket);
    const since = this.clock.now();
    return new Promise<RateTicket>((resolve, reject) => {
      const waiter: Waiter = {
        tokens,
        since,
        grant: () => {
          signal?.removeEventListener("abort", onAbort);
          resolve(this.issue(tokens, since));
        },
      };
      const onAbort = () => {
        const at = this.waiters.indexOf(waiter);
        if (at >= 0) this.waiters.splice(at, 1);
        reject(abortReason(signal as AbortSignal));
        this.pump();
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.waiters.push(waiter);
      this.pump();
    });
  }

  /**
   * A ticket at once when nobody is waiting and the limits allow `tokens` now, else `undefined` (then call
   * {@link acquire}). The fast path of every call that is not throttled.
   */
  tryAcquire(tokens: number): RateTicket | undefined {
    if (this.waiters.length > 0) return undefined;
    const now = this.clock.now();
    // Granted at the instant it was checked: reading the clock again would report a wait of a few microseconds.
    return this.delay(tokens, now) > 0 ? undefined : this.issue(tokens, now, now);
  }

  private issue(tokens: number, since: number, now = this.clock.now()): RateTicket {
    this.requests?.take(1, now);
    this.tokens?.take(tokens, now);
    this.outstanding++;
    const seq = ++this.issued;
    this.tokensIssued += tokens;
    const tokensAt = this.tokensIssued;
    let open = true;
    const close = () => {
      if (!open) return false;
      open = false;
      this.outstanding--;
      return true;
    };
    return {
      waitedMs: now - since,
      complete: (outcome) => {
        if (!close()) return;
        if (this.probing) this.learnFromProbe(outcome);
        else this.releaseRefill();
        this.settle(tokens, seq, tokensAt, outcome);
        this.pump();
      },
      cancel: () => {
        if (!close()) return;
        const at = this.clock.now();
        this.requests?.give(1, at);
        this.tokens?.give(tokens, at);
        this.pump();
      },
    };
  }

  /** The first answer ends the probe; its remaining count may fill the bucket the limiter started empty. */
  private learnFromProbe(outcome: RateOutcome): void {
    this.probing = false;
    const remaining = outcome.rateLimit?.remainingRequests;
    if (this.requests && remaining !== undefined && !outcome.limited) {
      this.requests.raiseTo(remaining - (this.issued - 1), this.clock.now());
      this.requests.hold(true, this.clock.now());
      this.holdingRefill = true;
    }
  }

  private releaseRefill(): void {
    if (!this.holdingRefill) return;
    this.holdingRefill = false;
    this.requests?.hold(false, this.clock.now());
  }

  private settle(debited: number, seq: number, tokensAt: number, outcome: RateOutcome): void {
    const now = this.clock.now();
    if (this.tokens && outcome.tokensUsed !== undefined) {
      const difference = debited - outcome.tokensUsed;
      if (difference > 0) this.tokens.give(difference, now);
      else this.tokens.take(-difference, now);
    }
    // Requests sent after this one may not have reached the server when it answered: they still count against
    // what it reported, and the server's refill since is not counted (it may have been full and not refilling).
    const sentSince = this.issued - seq;
    if (outcome.rateLimit) this.correct(outcome.rateLimit, sentSince, this.tokensIssued - tokensAt, now);
    if (outcome.limited) {
      this.requests?.clampTo(-sentSince, now);
      if (outcome.retryAfterMs !== undefined && outcome.retryAfterMs > 0) {
        this.pausedUntil = Math.max(this.pausedUntil, now + Math.min(outcome.retryAfterMs, MAX_PAUSE_MS));
      }
      const scale = this.adaptive?.refused(seq, this.issued, this.rpmCeiling, now);
      if (scale !== undefined) this.rescale(scale, "rate_limited");
    } else if (!outcome.failed) {
      const scale = this.adaptive?.succeeded(now);
      if (scale !== undefined) this.rescale(scale, "recovered");
    }
  }

  /** Applies the server's view: a lower limit becomes the ceiling; fewer remaining lowers the buckets. */
  private correct(info: RateLimitInfo, sentSince: number, tokensSince: number, now: number): void {
    const before = this.rates();
    let changed = false;
    if (
      info.limitRequests !== undefined &&
      info.limitRequests > 0 &&
      info.limitRequests < (this.rpmCeiling ?? Infinity)
    ) {
      this.rpmCeiling = info.limitRequests;
      changed = true;
    }
    if (
      info.limitTokens !== undefined &&
      info.limitTokens > 0 &&
      info.limitTokens < (this.tpmCeiling ?? Infinity)
    ) {
      this.tpmCeiling = info.limitTokens;
      changed = true;
    }
    if (changed) this.reshape(now, "headers", before);
    if (this.requests && info.remainingRequests !== undefined) {
      this.requests.clampTo(info.remainingRequests - sentSince, now);
    }
    if (this.tokens && info.remainingTokens !== undefined) {
      this.tokens.clampTo(info.remainingTokens - tokensSince, now);
    }
  }

  private rates(): { rpm: number | undefined; tpm: number | undefined } {
    return { rpm: this.requests?.perMinute, tpm: this.tokens?.perMinute };
  }

  private rescale(scale: number, reason: RateAdjustment["reason"]): void {
    const before = this.rates();
    (this.adaptive as AdaptiveScale).value = scale;
    this.reshape(this.clock.now(), reason, before);
  }

  private reshape(
    now: number,
    reason: RateAdjustment["reason"],
    before: ReturnType<RateLimiter["rates"]>,
  ): void {
    this.adaptive?.changed(now);
    const scale = this.adaptive?.value ?? 1;
    if (this.rpmCeiling !== undefined) {
      const rpm = this.rpmCeiling * scale;
      if (this.requests) this.requests.reshape(rpm, this.burst(rpm), now);
      else this.requests = new TokenBucket(rpm, this.burst(rpm), now);
    }
    if (this.tpmCeiling !== undefined) {
      const tpm = this.tpmCeiling * scale;
      if (this.tokens) this.tokens.reshape(tpm, this.burst(tpm), now);
      else this.tokens = new TokenBucket(tpm, this.burst(tpm), now);
    }
    const after = this.rates();
    if (after.rpm !== before.rpm || after.tpm !== before.tpm) {
      this.onAdjust?.({
        reason,
        rpm: after.rpm,
        previousRpm: before.rpm,
        tpm: after.tpm,
        previousTpm: before.tpm,
      });
    }
  }

  private burst(perMinute: number): number {
    return Math.max(1, (perMinute / 60) * this.burstSeconds);
  }

  /**
   * How long a request of `tokens` must wait now: 0 when it may go, `Infinity` when only an answer can wake it
   * (a probe or a held refill in flight).
   */
  private delay(tokens: number, now: number): number {
    if (this.probing && this.outstanding > 0) return Number.POSITIVE_INFINITY; // woken by the probe's answer
    // While the refill is held only what the probe granted goes out; then the burst's first answer wakes us
    // (and when nothing is in flight, no answer can: stop holding).
    if (this.holdingRefill && (this.requests?.waitFor(1, now) ?? 0) > 0) {
      if (this.outstanding > 0) return Number.POSITIVE_INFINITY;
      this.releaseRefill();
    }
    return Math.max(
      this.requests?.waitFor(1, now) ?? 0,
      this.tokens?.waitFor(tokens, now) ?? 0,
      this.pausedUntil - now,
    );
  }

  private pump(): void {
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    for (;;) {
      const head = this.waiters[0];
      if (!head) return;
      const wait = this.delay(head.tokens, this.clock.now());
      if (wait === Number.POSITIVE_INFINITY) return;
      if (wait > 0) {
        this.cancelTimer = startTimer(this.clock, wait, () => {
          this.cancelTimer = undefined;
          this.pump();
        });
        return;
      }
      this.waiters.shift();
      head.grant();
    }
  }
}
