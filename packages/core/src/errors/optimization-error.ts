import { applyBrand, brandCheck, WeftError } from "@weft/provider";

/** Fields of an {@link OptimizationError}. */
export interface OptimizationErrorOptions {
  /** The parameter being updated, when known. */
  readonly parameterName?: string;
  /** How many attempts were made. Default: 0. */
  readonly attempts?: number;
  readonly cause?: unknown;
}

const OPTIMIZATION_ERROR_BRAND = Symbol.for("weft.error.optimization");

/** An optimizer could not produce an update (plait-spec 11). Code: `optimization_error`. */
export class OptimizationError extends WeftError {
  readonly parameterName: string | undefined;
  readonly attempts: number;

  constructor(message: string, options: OptimizationErrorOptions = {}) {
    super("optimization_error", message, { cause: options.cause });
    applyBrand(this, OPTIMIZATION_ERROR_BRAND);
    this.parameterName = options.parameterName;
    this.attempts = options.attempts ?? 0;
  }

  /** True for an OptimizationError from any installed copy of weft. */
  static override is(value: unknown): value is OptimizationError {
    return isOptimizationError(value);
  }
}

const isOptimizationError = brandCheck<OptimizationError>(OPTIMIZATION_ERROR_BRAND);
