import { applyBrand, brandCheck, WeftError, type WeftErrorOptions } from "@weft/provider";

/**
 * Why a loss could not be built or evaluated:
 * - `missing_target`: the loss compares against a target and none was given (preference, ranking);
 * - `too_few_outputs`: a ranking needs at least two outputs;
 * - `invalid_rubric`: a rubric is empty or its scores are all equal;
 * - `invalid_weight`: a composite weight is negative or not finite, or all weights are zero;
 * - `invalid_answer`: a human answer or a judge's ranking could not be used (not a permutation, out of range);
 * - `invalid_score`: a feedback score is not a number in [0, 1];
 * - `input_ended`: a human prompt's input ended while an answer was still owed.
 */
export type LossErrorCode =
  | "missing_target"
  | "too_few_outputs"
  | "invalid_rubric"
  | "invalid_weight"
  | "invalid_answer"
  | "invalid_score"
  | "input_ended";

const LOSS_ERROR_BRAND = Symbol.for("weft.error.optimization.loss");

/** A loss was misconfigured or misused. Code: `loss_error`; `reason` says which case. */
export class LossError extends WeftError {
  readonly reason: LossErrorCode;

  constructor(reason: LossErrorCode, message: string, options: WeftErrorOptions = {}) {
    super("loss_error", message, options);
    applyBrand(this, LOSS_ERROR_BRAND);
    this.reason = reason;
  }

  /** True for a LossError from any installed copy of weft. */
  static override is(value: unknown): value is LossError {
    return isLossError(value);
  }
}

const isLossError = brandCheck<LossError>(LOSS_ERROR_BRAND);
