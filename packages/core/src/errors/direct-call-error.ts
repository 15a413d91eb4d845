import { applyBrand, brandCheck, WeftError } from "@weft/provider";

const DIRECT_CALL_ERROR_BRAND = Symbol.for("weft.error.direct-call");

/**
 * A module that only runs through the runtime (an `LLMInference`) was called directly, outside a trace and
 * without bound resources. Code: `direct_call`.
 */
export class DirectCallError extends WeftError {
  constructor(moduleName: string) {
    super(
      "direct_call",
      `${moduleName} should not be called directly: it needs resources to reach a model. ` +
        "Use run(module, input, { resources }) or module.bind(resources).call(input) (import @weft/execution).",
    );
    applyBrand(this, DIRECT_CALL_ERROR_BRAND);
  }

  /** True for a DirectCallError from any installed copy of weft. */
  static override is(value: unknown): value is DirectCallError {
    return isDirectCallError(value);
  }
}

const isDirectCallError = brandCheck<DirectCallError>(DIRECT_CALL_ERROR_BRAND);
