import type { Clock } from "@weft/core";
import type { RateLimitInfo } from "@weft/provider";

/** How an adaptive limiter reacts to the server (AIMD on the request and token rates). */
export interface AdaptiveOptions {
  /** The request rate never drops below this. Default: `min(rpm, 6)`. */
  readonly minRpm?: number;
  /** Rates are multiplied by this on a 429 or 529 (once per congestion episode), in (0, 1). Default: 0.5. */
  readonly backoffFactor?: number;
  /** After a second without trouble, each success multiplies the rates by this, up to the ceiling; > 1. Default: 1.1. */
  readonly recoveryFactor?: number;
}

/** Options of a {@link RateLimiter}. With neither `rpm` nor `tpm` it admits everything until headers set limits. */
export interface RateLimiterOptions {
  /** Requests per minute. Default: unlimited. */
  readonly rpm?: number;
  /** Tokens (input plus output) per minute. Default: unlimited. */
  readonly tpm?: number;
  /** Seconds of traffic a full bucket lets through at once. Default: 1. */
  readonly burstSeconds?: number;
  /** Adapt the rates to 429/529 answers. Default: on (`{}`). `false` keeps the configured rates fixed. */
  readonly adaptive?: boolean | AdaptiveOptions;
  /** Default: `systemClock`. */
  readonly clock?: Clock;
  /** Called whenever the limiter changes its rates. */
  readonly onAdjust?: (adjustment: RateAdjustment) => void;
}

/** A change of the limiter's rates and why. */
export interface RateAdjustment {
  readonly reason: "rate_limited" | "recovered" | "headers";
  readonly rpm: number | undefined;
  readonly previousRpm: number | undefined;
  readonly tpm: number | undefined;
  readonly previousTpm: number | undefined;
}

/** How a request that held a ticket ended. */
export interface RateOutcome {
  /** Input plus output tokens it actually used, when known (corrects the token bucket). */
  readonly tokensUsed?: number | undefined;
  /** Rate-limit headers of the answer. */
  readonly rateLimit?: RateLimitInfo | undefined;
  /** The server refused it for load (429 rate limit, 529/503 overloaded). */
  readonly limited?: boolean;
  /** How long the server asked to wait; the limiter pauses that long (at most {@link MAX_PAUSE_MS}). */
  readonly retryAfterMs?: number | undefined;
  /** It failed for another reason (no recovery step is taken). */
  readonly failed?: boolean;
}

/** Permission to send one request, taken from the buckets. Complete it with the outcome, or cancel it if unsent. */
export interface RateTicket {
  /** Clock milliseconds spent waiting for the buckets. */
  readonly waitedMs: number;
  complete(outcome: RateOutcome): void;
  /** Gives everything back: the request was never sent. */
  cancel(): void;
}

/** The longest a server's retry-after pauses the whole limiter. */
export const MAX_PAUSE_MS = 60_000;
