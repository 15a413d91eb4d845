import { applyBrand, brandCheck, WeftError } from "@weft/provider";

/**
 * What a traced `forward()` did that tracing cannot record (core's `TraceError` covers the Value-level
 * misuses: reading a placeholder, stringifying or iterating a traced Value, an async forward):
 * - `escaped_scope`: a Value made inside a `map` body or a `route` / `when` branch was used outside it;
 *   it only exists for one element, or only when that branch is taken. Return it from the body instead;
 * - `unknown_ref`: a Value whose ref names no node of this trace (a placeholder kept from another trace);
 * - `duplicate_side_output`: two side outputs with the same name in one scope;
 * - `input_name_collision`: two named inputs map to the same input name;
 * - `not_tracing`: a tracing primitive that needs a trace (for example `sideOutput` with a traced Value)
 *   ran without one, or under a trace handler that is not a weft Tracer;
 * - `bad_branches`: `route` got no branches, or a branch that is neither a Module nor a function;
 * - `bad_fallback`: `route`'s fallback names no branch.
 */
export type TracingErrorCode =
  | "escaped_scope"
  | "unknown_ref"
  | "duplicate_side_output"
  | "input_name_collision"
  | "not_tracing"
  | "bad_branches"
  | "bad_fallback";

const TRACING_ERROR_BRAND = Symbol.for("weft.error.tracing");

/** A traced `forward()` used a tracing primitive in a way that cannot become a graph. `code` says how. */
export class TracingError extends WeftError {
  declare readonly code: TracingErrorCode;
  /** The ref involved, when there is one. */
  readonly ref: string | undefined;

  constructor(
    code: TracingErrorCode,
    message: string,
    options: { readonly ref?: string; readonly cause?: unknown } = {},
  ) {
    super(code, message, { cause: options.cause });
    applyBrand(this, TRACING_ERROR_BRAND);
    this.ref = options.ref;
  }

  /** True for a TracingError from any installed copy of weft. */
  static override is(value: unknown): value is TracingError {
    return isTracingError(value);
  }
}

const isTracingError = brandCheck<TracingError>(TRACING_ERROR_BRAND);
