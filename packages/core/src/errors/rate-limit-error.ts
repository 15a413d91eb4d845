import { applyBrand, brandCheck, WeftError } from "@weft/provider";

/** Fields of a {@link RateLimitError}. */
export interface RateLimitErrorOptions {
  /** Default: `"Rate limit exceeded"`. */
  readonly message?: string;
  /** How long to wait before retrying, in milliseconds; may be 0 or fractional. Default: unknown. */
  readonly retryAfterMs?: number;
  readonly cause?: unknown;
}

const RATE_LIMIT_ERROR_BRAND = Symbol.for("weft.error.rate-limit");

/**
 * Thrown by a leaf module (not a provider) to say "too many requests, back off and retry"
 * (plait-spec 11). The scheduler treats it like a `ProviderError` of kind `rate_limit`. Code: `rate_limit`.
 */
export class RateLimitError extends WeftError {
  readonly retryAfterMs: number | undefined;

  constructor(options: RateLimitErrorOptions = {}) {
    super("rate_limit", options.message ?? "Rate limit exceeded", { cause: options.cause });
    applyBrand(this, RATE_LIMIT_ERROR_BRAND);
    this.retryAfterMs = options.retryAfterMs;
  }

  /** True for a RateLimitError from any installed copy of weft. */
  static override is(value: unknown): value is RateLimitError {
    return isRateLimitError(value);
  }
}

const isRateLimitError = brandCheck<RateLimitError>(RATE_LIMIT_ERROR_BRAND);
