import { TokenBucket } from "./token-bucket.js";

/** Server-side limits, like a provider account's. Unset limits are not enforced. */
export interface MockServerLimits {
  /** Requests handled at once; more get 429 at once. */
  readonly maxConcurrent?: number;
  /** Requests per minute (token bucket). */
  readonly rpm?: number;
  /** Tokens per minute, counting input plus output tokens of each request (token bucket). */
  readonly tpm?: number;
  /**
   * How many seconds' worth of the per-minute allowances a client may spend at once (the buckets'
   * capacity). Default: 60, a full minute's allowance, as most providers' accounts allow.
   */
  readonly burstSeconds?: number;
}

/** The limit state reported in rate-limit headers. */
export interface LimitSnapshot {
  readonly limitRequests: number;
  readonly remainingRequests: number;
  readonly resetRequestsMs: number;
  readonly limitTokens: number;
  readonly remainingTokens: number;
  readonly resetTokensMs: number;
}

/** Why a request was refused, and how long to wait. */
export interface LimitRefusal {
  readonly reason: "requests" | "tokens" | "concurrency";
  readonly retryAfterMs: number;
  readonly snapshot: LimitSnapshot;
}

/** A ticket for an admitted request; `release()` when its reply has ended. */
export interface LimitTicket {
  readonly snapshot: LimitSnapshot;
  release(): void;
}

// Reported (never enforced) when a limit is not configured, so rate-limit headers are always present. High, so a
// client that adopts the limits it is told (the resource manager does) is not slowed by a limit nobody set.
const NOMINAL_RPM = 1_000_000;
const NOMINAL_TPM = 1_000_000_000;
const MINUTE_MS = 60_000;
/** How long a client refused for concurrency is told to wait. */
export const CONCURRENCY_RETRY_AFTER_MS = 1_000;

function bucket(perMinute: number, burstSeconds: number | undefined, now: number): TokenBucket {
  const capacity = burstSeconds === undefined ? perMinute : Math.max(1, (perMinute * burstSeconds) / 60);
  return new TokenBucket(perMinute, MINUTE_MS, now, capacity);
}

/** Admits or refuses requests against the concurrency cap and the RPM/TPM buckets. */
export class ServerLimits {
  private requests: TokenBucket;
  private tokens: TokenBucket;
  private inFlight = 0;

  constructor(
    private readonly limits: MockServerLimits,
    now: number,
  ) {
    this.requests = bucket(limits.rpm ?? NOMINAL_RPM, limits.burstSeconds, now);
    this.tokens = bucket(limits.tpm ?? NOMINAL_TPM, limits.burstSeconds, now);
  }

  /** Requests being handled now. */
  get active(): number {
    return this.inFlight;
  }

  /** Admits a request that will cost `tokens`, or says why not. Unenforced buckets still count. */
  admit(tokens: number, now: number): LimitTicket | LimitRefusal {
    const { maxConcurrent, rpm, tpm } = this.limits;
    if (maxConcurrent !== undefined && this.inFlight >= maxConcurrent) {
      return {
        reason: "concurrency",
        retryAfterMs: CONCURRENCY_RETRY_AFTER_MS,
        snapshot: this.snapshot(now),
      };
    }
    const requestWait = rpm === undefined ? 0 : this.requests.waitFor(1, now);
    if (requestWait > 0)
      return { reason: "requests", retryAfterMs: requestWait, snapshot: this.snapshot(now) };
    const tokenWait = tpm === undefined ? 0 : this.tokens.waitFor(tokens, now);
    if (tokenWait > 0) return { reason: "tokens", retryAfterMs: tokenWait, snapshot: this.snapshot(now) };
    this.requests.charge(1, now);
    this.tokens.charge(tokens, now);
    this.inFlight++;
    let released = false;
    return {
      snapshot: this.snapshot(now),
      release: () => {
        if (!released) this.inFlight--;
        released = true;
      },
    };
  }

  /** The current state, as rate-limit headers report it. */
  snapshot(now: number): LimitSnapshot {
    return {
      limitRequests: this.requests.rate,
      remainingRequests: Math.max(0, this.requests.remaining(now)),
      resetRequestsMs: this.requests.untilFull(now),
      limitTokens: this.tokens.rate,
      remainingTokens: Math.max(0, this.tokens.remaining(now)),
      resetTokensMs: this.tokens.untilFull(now),
    };
  }

  /** Refills both buckets (in-flight requests stay counted). */
  reset(now: number): void {
    this.requests.reset(now);
    this.tokens.reset(now);
  }
}

/** Whether `admit` refused. */
export function isRefusal(result: LimitTicket | LimitRefusal): result is LimitRefusal {
  return "reason" in result;
}
