import { applyBrand, brandCheck, WeftError } from "@weft/provider";

const PARAMETER_ERROR_BRAND = Symbol.for("weft.error.parameter");

/**
 * A Parameter was built wrongly, for example learnable without a description (the optimizer needs the
 * description to write meaningful updates). Code: `invalid_parameter`.
 */
export class ParameterError extends WeftError {
  constructor(message: string) {
    super("invalid_parameter", message);
    applyBrand(this, PARAMETER_ERROR_BRAND);
  }

  /** True for a ParameterError from any installed copy of weft. */
  static override is(value: unknown): value is ParameterError {
    return isParameterError(value);
  }
}

const isParameterError = brandCheck<ParameterError>(PARAMETER_ERROR_BRAND);
