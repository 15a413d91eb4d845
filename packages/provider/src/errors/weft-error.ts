const WEFT_ERROR_BRAND = Symbol.for("weft.error");

/** Options accepted by every {@link WeftError} constructor. */
export interface WeftErrorOptions {
  /** The error that caused this one; kept as the native `Error.cause`. */
  readonly cause?: unknown;
}

/**
 * The base class of every error weft throws.
 *
 * `code` is a stable, machine-readable discriminator (for example `"provider_error"`).
 * Use {@link WeftError.is} rather than `instanceof`: it also recognises errors thrown by a
 * second installed copy of weft, because the brand is a global `Symbol.for` key.
 *
 * @example
 * ```ts
 * try { await run(); } catch (error) {
 *   if (WeftError.is(error)) console.error(error.code, error.message);
 * }
 * ```
 */
export class WeftError extends Error {
  /** Stable, machine-readable identifier of the error class or condition. */
  readonly code: string;

  constructor(code: string, message: string, options: WeftErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.name = new.target.name;
    Object.defineProperty(this, WEFT_ERROR_BRAND, { value: true, enumerable: false });
  }

  /** True for any weft error, from this copy of the package or another one. */
  static is(value: unknown): value is WeftError {
    return typeof value === "object" && value !== null && WEFT_ERROR_BRAND in value;
  }
}

/**
 * Creates a brand check for a WeftError subclass, so `Sub.is()` works across duplicate installs.
 * @internal used by weft packages when they declare their own error classes.
 */
export function brandCheck<T>(brand: symbol): (value: unknown) => value is T {
  return (value: unknown): value is T => typeof value === "object" && value !== null && brand in value;
}

/** Marks an instance with a brand symbol (non-enumerable). @internal */
export function applyBrand(target: object, brand: symbol): void {
  Object.defineProperty(target, brand, { value: true, enumerable: false });
}
