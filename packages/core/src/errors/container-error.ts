import { applyBrand, brandCheck, WeftError } from "@weft/provider";

/**
 * Why a container operation failed:
 * - `invalid_item`: a value of the wrong type was put in (a non-Module in a ModuleList, a non-Parameter in
 *   a ParameterList, ...);
 * - `index_out_of_range`: an index outside the container;
 * - `missing_key`: a key the container does not hold;
 * - `not_callable`: `forward()` of a ModuleList or ModuleDict, which only hold modules.
 */
export type ContainerErrorCode = "invalid_item" | "index_out_of_range" | "missing_key" | "not_callable";

const CONTAINER_ERROR_BRAND = Symbol.for("weft.error.container");

/** A module or parameter container was misused. `code` says how. */
export class ContainerError extends WeftError {
  declare readonly code: ContainerErrorCode;

  constructor(code: ContainerErrorCode, message: string) {
    super(code, message);
    applyBrand(this, CONTAINER_ERROR_BRAND);
  }

  /** True for a ContainerError from any installed copy of weft. */
  static override is(value: unknown): value is ContainerError {
    return isContainerError(value);
  }
}

const isContainerError = brandCheck<ContainerError>(CONTAINER_ERROR_BRAND);
