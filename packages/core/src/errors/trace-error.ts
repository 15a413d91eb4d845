import { applyBrand, brandCheck, WeftError, type WeftErrorOptions } from "@weft/provider";

/**
 * What went wrong while authoring a traced `forward()`:
 * - `placeholder_payload`: the payload of a placeholder Value was read (it has none until execution);
 * - `stringified`: a traced Value was turned into a string, a number or JSON (that would drop the dependency);
 * - `iterated`: a traced Value was iterated (its length is unknown while tracing);
 * - `async_forward`: a traced `forward()` returned a Promise (composite forwards are synchronous);
 * - `async_op`: an asynchronous op (`F.chatComplete`) was used while tracing;
 * - `handler_stack`: trace handlers were pushed and popped out of order.
 */
export type TraceErrorReason =
  | "placeholder_payload"
  | "stringified"
  | "iterated"
  | "async_forward"
  | "async_op"
  | "handler_stack";

const TRACE_ERROR_BRAND = Symbol.for("weft.error.trace");

/**
 * A traced Value or module was used in a way tracing cannot record. The message says what to use instead:
 * the `prompt` tagged template for text, `F.*` ops for computation, `route`/`when` for branching and
 * `map` (or a `LeafModule`) for lists.
 */
export class TraceError extends WeftError {
  readonly reason: TraceErrorReason;
  /** The ref of the Value involved, when there is one. */
  readonly ref: string | undefined;

  constructor(reason: TraceErrorReason, message: string, options: WeftErrorOptions & { ref?: string } = {}) {
    super("trace_error", message, options);
    applyBrand(this, TRACE_ERROR_BRAND);
    this.reason = reason;
    this.ref = options.ref;
  }

  /** True for a TraceError from any installed copy of weft. */
  static override is(value: unknown): value is TraceError {
    return isTraceError(value);
  }
}

const isTraceError = brandCheck<TraceError>(TRACE_ERROR_BRAND);
