import { applyBrand, brandCheck, WeftError } from "@weft/provider";

const RESOURCE_ERROR_BRAND = Symbol.for("weft.error.resources");

/**
 * Why the resources layer refused a call before any provider saw it:
 * - `unknown_alias`: no alias of that name in the config;
 * - `unpriced_call`: a budget caps USD or tokens but the call has no upper bound (no `maxTokens`, no known
 *   maximum output, or no price for the model);
 * - `unknown_provider`: a model description names a provider the registry has no factory for;
 * - `model_factory_failed`: a registered provider factory threw while building a model.
 */
export type ResourceErrorCode =
  | "unknown_alias"
  | "unpriced_call"
  | "unknown_provider"
  | "model_factory_failed";

/**
 * A failure of the resources layer itself (not a provider failure, which stays a `ProviderError`).
 *
 * @example
 * ```ts
 * if (ResourceError.is(error) && error.code === "unknown_alias") console.error(error.message);
 * ```
 */
export class ResourceError extends WeftError {
  declare readonly code: ResourceErrorCode;
  /** Always false: none of these conditions passes by waiting. */
  readonly isRetryable = false;

  constructor(code: ResourceErrorCode, message: string, options: { readonly cause?: unknown } = {}) {
    super(code, message, options);
    applyBrand(this, RESOURCE_ERROR_BRAND);
  }

  /** True for a ResourceError from any installed copy of weft. */
  static override is(value: unknown): value is ResourceError {
    return isResourceError(value);
  }
}

const isResourceError = brandCheck<ResourceError>(RESOURCE_ERROR_BRAND);
