import { applyBrand, brandCheck, WeftError, type WeftErrorOptions } from "@weft/provider";

/**
 * Why a backward pass could not run:
 * - `no_tape`: nothing passed to `backward()` carries a tape (run the module in training mode: `module.train()`);
 * - `unknown_tape`: a tape id is not registered (it was released by an earlier backward, or never recorded);
 * - `grad_required`: a container was given without `grad` and none of its Values is feedback for its tapes;
 * - `grad_mismatch`: a per-record `grad` does not match the tapes (wrong length, or ids that do not cover them);
 * - `failed`: some steps of the backward graph failed (a critique call, a custom `backward`); `failures` lists them.
 */
export type BackwardErrorCode = "no_tape" | "unknown_tape" | "grad_required" | "grad_mismatch" | "failed";

/** One failed step of a backward graph. */
export interface BackwardFailure {
  /** The backward node: `<record>:<forward node id>` or `<record>:<forward node id>#<target>`. */
  readonly nodeId: string;
  readonly error: unknown;
}

const BACKWARD_ERROR_BRAND = Symbol.for("weft.error.optimization.backward");

/** A backward pass failed or was misused. Code: `backward_error`; `reason` says which case. */
export class BackwardError extends WeftError {
  readonly reason: BackwardErrorCode;
  /** The failed steps (reason `failed`); empty otherwise. */
  readonly failures: readonly BackwardFailure[];

  constructor(
    reason: BackwardErrorCode,
    message: string,
    options: WeftErrorOptions & { readonly failures?: readonly BackwardFailure[] } = {},
  ) {
    super("backward_error", message, options);
    applyBrand(this, BACKWARD_ERROR_BRAND);
    this.reason = reason;
    this.failures = options.failures ?? [];
  }

  /** True for a BackwardError from any installed copy of weft. */
  static override is(value: unknown): value is BackwardError {
    return isBackwardError(value);
  }
}

const isBackwardError = brandCheck<BackwardError>(BACKWARD_ERROR_BRAND);
