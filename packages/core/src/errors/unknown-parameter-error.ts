import { applyBrand, brandCheck, WeftError } from "@weft/provider";

const UNKNOWN_PARAMETER_ERROR_BRAND = Symbol.for("weft.error.unknown-parameter");

/** `loadStateDict` got a key that names no parameter of the module. Code: `unknown_parameter`. */
export class UnknownParameterError extends WeftError {
  /** The offending key. */
  readonly key: string;
  /** The keys the module does have, in `namedParameters()` order. */
  readonly knownKeys: readonly string[];

  constructor(key: string, knownKeys: readonly string[]) {
    const known = knownKeys.length > 0 ? knownKeys.join(", ") : "(none)";
    super("unknown_parameter", `Unknown parameter: ${key} (known parameters: ${known})`);
    applyBrand(this, UNKNOWN_PARAMETER_ERROR_BRAND);
    this.key = key;
    this.knownKeys = knownKeys;
  }

  /** True for an UnknownParameterError from any installed copy of weft. */
  static override is(value: unknown): value is UnknownParameterError {
    return isUnknownParameterError(value);
  }
}

const isUnknownParameterError = brandCheck<UnknownParameterError>(UNKNOWN_PARAMETER_ERROR_BRAND);
