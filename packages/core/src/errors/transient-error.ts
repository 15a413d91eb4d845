import { applyBrand, brandCheck, WeftError, type WeftErrorOptions } from "@weft/provider";

const TRANSIENT_ERROR_BRAND = Symbol.for("weft.error.transient");

/**
 * Thrown by a leaf module to say "this failure is passing, retry with backoff" (plait-spec 11). It is
 * neither a {@link RateLimitError} nor an `ExecutionError`. Timeouts are not transient. Code: `transient`.
 */
export class TransientError extends WeftError {
  constructor(message: string, options: WeftErrorOptions = {}) {
    super("transient", message, options);
    applyBrand(this, TRANSIENT_ERROR_BRAND);
  }

  /** True for a TransientError from any installed copy of weft. */
  static override is(value: unknown): value is TransientError {
    return isTransientError(value);
  }
}

const isTransientError = brandCheck<TransientError>(TRANSIENT_ERROR_BRAND);
