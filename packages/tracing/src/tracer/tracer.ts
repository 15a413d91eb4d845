import {
  type AccessKind,
  type CallArgs,
  getTraceHandler,
  isLeafModule,
  type LeafModule,
  type Module,
  type OpExecutor,
  type TraceHandler,
  type Value,
  type ValueKind,
  withTraceHandler,
} from "@weft/core";
import { TracingError } from "../errors/tracing-error.js";
import type { InferenceGraph } from "../graph/inference-graph.js";
import type { NamedInputs } from "../primitives/named.js";
import { recordAccess, recordOp, recordRender } from "./record-compute.js";
import { TraceState } from "./trace-state.js";

const STATE = Symbol.for("weft.tracing.state");

/** `trace()` arguments: the module's call arguments, any of which may be a `named({...})` record. */
export type TraceArgs<M extends Module> = WithNamed<CallArgs<M>>;

/** Each element of an argument tuple, or a `named({...})` record in its place. */
export type WithNamed<A> = A extends readonly unknown[] ? { [K in keyof A]: A[K] | NamedInputs } : never;

/**
 * Turns a module's `forward()` into an {@link InferenceGraph} (plait-spec 6). It is core's trace handler:
 * while {@link Tracer.trace} runs `forward()` on placeholder Values, every leaf call (LLMInference or
 * LeafModule), `F.*` op on a traced Value, `get` / `at` / `keys` / `values` / `entries` on a traced Value
 * and `prompt` template with a traced Value records one node; a call to a composite child traces into the
 * child's `forward()` (flattening), keeping the child's module path on its nodes. Leaves never run.
 *
 * A Tracer can be reused; each trace starts from scratch (ids restart at 1).
 *
 * @example
 * ```ts
 * const graph = new Tracer().trace(pipeline, "input text");
 * ```
 */
export class Tracer implements TraceHandler {
  #state: TraceState | undefined;

  /**
   * Traces `module` called with `args`: the arguments are bound to input nodes (`input:input_0`, ...;
   * see `named` for named inputs), `forward()` runs once with their placeholders (a leaf root becomes one
   * node), and the returned structure becomes the graph's output. Throws what `forward()` throws, a
   * TraceError for untraceable code, a TracingError for misused primitives.
   */
  trace<M extends Module>(module: M, ...args: TraceArgs<M>): InferenceGraph {
    const previous = this.#state;
    const state = new TraceState(module);
    this.#state = state;
    try {
      const bound = state.bindInputs(args as readonly unknown[]);
      const output = withTraceHandler(this, () =>
        isLeafModule(module)
          ? state.recordModule(module as unknown as LeafModule, bound)
          : state.inlineComposite(module, bound),
      );
      return state.finish(output);
    } finally {
      this.#state = previous;
    }
  }

  /** @internal core's hook: a leaf call becomes a node, a composite call is inlined. */
  recordCall(module: Module, args: readonly unknown[]): unknown {
    const state = this.#active();
    return isLeafModule(module)
      ? state.recordModule(module as unknown as LeafModule, args)
      : state.inlineComposite(module, args);
  }

  /** @internal core's hook for `F.*` ops on traced Values. */
  recordOp(name: string, args: readonly unknown[], execute: OpExecutor, resultKind: ValueKind): Value {
    return recordOp(this.#active(), name, args, execute, resultKind);
  }

  /** @internal core's hook for `get` / `at` / `keys` / `values` / `entries` on traced Values. */
  recordAccess(value: Value, access: AccessKind, key?: string | number): Value {
    return recordAccess(this.#active(), value, access, key);
  }

  /** @internal core's hook for `prompt` templates with traced Values. */
  recordRender(strings: readonly string[], values: readonly unknown[]): Value<string> {
    return recordRender(this.#active(), strings, values);
  }

  /** @internal the state of the running trace, for the tracing primitives. */
  get [STATE](): TraceState | undefined {
    return this.#state;
  }

  #active(): TraceState {
    if (this.#state === undefined) {
      throw new TracingError(
        "not_tracing",
        "This Tracer is installed as trace handler but is not tracing; use tracer.trace()",
      );
    }
    return this.#state;
  }
}

/**
 * The state of the running weft trace, `undefined` when nothing is traced; TracingError(`not_tracing`)
 * when the active trace handler is not a weft Tracer. @internal
 */
export function activeTraceState(): TraceState | undefined {
  const handler = getTraceHandler();
  if (handler === undefined) return undefined;
  const state = (handler as { [STATE]?: TraceState })[STATE];
  if (state === undefined) {
    throw new TracingError(
      "not_tracing",
      "map, route, when, sideOutput and withPriority need a weft Tracer as trace handler",
    );
  }
  return state;
}

/**
 * Traces `module` with a new {@link Tracer}: `trace(pipeline, text)` is `new Tracer().trace(pipeline, text)`.
 */
export function trace<M extends Module>(module: M, ...args: TraceArgs<M>): InferenceGraph {
  return new Tracer().trace(module, ...args);
}
