import { TraceError } from "../errors/trace-error.js";
import type { Module } from "../module/module.js";
import type { Value } from "../value/value.js";
import type { ValueKind } from "../value/value-kind.js";
import { dispatchState } from "./dispatch-state.js";

/** Which structured access a traced Value received (`value.get(key)`, `value.at(i)`, `value.keys()`...). */
export type AccessKind = "get" | "at" | "keys" | "values" | "entries";

/** Runs a recorded op at execution on resolved, concrete inputs. */
export type OpExecutor = (...resolvedArgs: unknown[]) => Value | Promise<Value>;

/**
 * What core asks of the tracing package while a `forward()` is being traced. Core calls these methods
 * only between `withTraceHandler(handler, fn)` entering and leaving, synchronously. Every method returns
 * at once; nothing is executed while tracing. The full contract is in design_docs/core.md.
 */
export interface TraceHandler {
  /**
   * `module.call(...args)` during the trace. `args` are exactly what the caller passed (raw values,
   * Values, Parameters, containers of them; an array is one argument, never a batch). For a leaf module
   * return a placeholder Value (`Value.placeholder`). For a composite module return what its `forward()`
   * returns (the recommended implementation inlines it: `module.forward(...valueified args)`).
   */
  recordCall(module: Module, args: readonly unknown[]): unknown;
  /**
   * A functional op (`F.<name>`) got at least one Value with a ref. `execute` is the pure op: at execution
   * call it with `args` in which every traced Value is replaced by its resolved concrete Value. Return a
   * placeholder of kind `resultKind`.
   */
  recordOp(name: string, args: readonly unknown[], execute: OpExecutor, resultKind: ValueKind): Value;
  /**
   * `value.get(key)`, `value.at(index)`, `value.keys()`, `value.values()` or `value.entries()` on a Value
   * with a ref. At execution, compute the result with `accessValue(resolved, access, key)`.
   */
  recordAccess(value: Value, access: AccessKind, key?: string | number): Value;
  /**
   * A `prompt` template interpolating at least one Value with a ref. `values` are the interpolated
   * expressions, Parameters already lifted to Values. At execution compute the text with
   * `renderPrompt(strings, resolvedValues)`. Return a placeholder of kind TEXT.
   */
  recordRender(strings: readonly string[], values: readonly unknown[]): Value<string>;
}

/** The innermost active trace handler, or `undefined` when no trace is running. */
export function getTraceHandler(): TraceHandler | undefined {
  const stack = dispatchState().traceHandlers;
  return stack[stack.length - 1];
}

/** Whether a trace is running. */
export function isTracing(): boolean {
  return dispatchState().traceHandlers.length > 0;
}

/**
 * Pushes `handler` and returns the function that pops it. Prefer {@link withTraceHandler}, which cannot
 * leave a handler behind. Popping out of order throws a TraceError (`handler_stack`).
 */
export function pushTraceHandler(handler: TraceHandler): () => void {
  const stack = dispatchState().traceHandlers;
  stack.push(handler);
  const depth = stack.length;
  let popped = false;
  return () => {
    if (popped) return;
    if (stack.length !== depth || stack[depth - 1] !== handler) {
      throw new TraceError("handler_stack", "Trace handlers must be popped in the reverse order of pushing");
    }
    stack.pop();
    popped = true;
  };
}

function isThenable(x: unknown): x is PromiseLike<unknown> {
  return (
    (typeof x === "object" || typeof x === "function") &&
    x !== null &&
    typeof (x as { then?: unknown }).then === "function"
  );
}

/**
 * Runs `fn` with `handler` as the innermost trace handler and restores the previous one afterwards, also
 * when `fn` throws. Tracing is synchronous: a `fn` that returns a Promise (an `async forward()`) is
 * rejected with a TraceError (`async_forward`), because module calls made after an `await` would escape
 * the trace.
 */
export function withTraceHandler<T>(handler: TraceHandler, fn: () => T): T {
  const pop = pushTraceHandler(handler);
  try {
    const result = fn();
    if (isThenable(result)) {
      throw new TraceError(
        "async_forward",
        "A traced forward() returned a Promise. A composite module's forward() must be synchronous: " +
          "module calls inside it return placeholder Values at once. Put async work in a LeafModule.",
      );
    }
    return result;
  } finally {
    pop();
  }
}
