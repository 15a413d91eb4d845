import {
  type CallArgs,
  type CallOutput,
  errorValue,
  isModule,
  type Module,
  OpError,
  toValue,
  type Unwrapped,
  Value,
  ValueKind,
} from "@weft/core";
import { traceMap } from "../tracer/trace-control.js";
import { activeTraceState } from "../tracer/tracer.js";

/** A map body: a module called with each element, or a function of the element and its index. */
export type MapBody<E, R> = Module | ((element: Value<E>, index: Value<number>) => R);

type ListOf<E> = Value<readonly E[]> | Value<E[]>;

/**
 * `unknown` when a `Value<E>` element fits module `M`'s call (or `E` is unknown); otherwise a type that no
 * module has, so the call does not compile and the message names the element type.
 */
export type AcceptsElement<M extends Module, E> = unknown extends E
  ? unknown
  : [Value<E>] extends CallArgs<M>
    ? unknown
    : { readonly "map(): the list's elements do not fit the module's input": E };

/** A module seen without its call types. */
interface Callable {
  call(...args: unknown[]): unknown;
}

function runner(body: MapBody<unknown, unknown>) {
  return (element: Value, index: Value<number>): unknown =>
    isModule(body) ? (body as unknown as Callable).call(element) : body(element, index);
}

/**
 * Runs `body` once per element of a list whose length is known only at execution, and gathers the outputs
 * into one list Value (dynamic fan-out).
 *
 * While tracing, with a list Value: one `map` node whose template is `body` traced once on an element
 * placeholder (`map_3[*].element`, index `map_3[*].index`). The body may call composites (their nodes are
 * part of the template), maps nest, and the body may use Values from outside it (captures: the map node
 * depends on them). At execution the template is instantiated per element (`map_3[7].LLMInference_2`) and
 * the result is a STRUCTURED Value listing each element's output (an ERROR element stays an ERROR). Values
 * made in the body cannot be used outside it (TracingError `escaped_scope`): return them from the body.
 *
 * With an array (its length is known now), the body runs for each element now and the outputs come back
 * as an array: no map node. Outside a trace, with a list Value, the body runs now on each element.
 *
 * @example
 * ```ts
 * forward(doc: Value<{ sections: string[] }>) {
 *   const summaries = map(doc.get("sections"), this.summarize);       // Value<string[]>
 *   const scored = map(summaries, (s, i) => this.judge.call(prompt`#${i}: ${s}`));
 *   return { summaries, scored };
 * }
 * ```
 */
export function map<E, M extends Module>(
  list: ListOf<E>,
  body: M & AcceptsElement<M, E>,
): Value<Unwrapped<CallOutput<M>>[]>;
export function map<E, R>(
  list: ListOf<E>,
  body: (element: Value<E>, index: Value<number>) => R,
): Value<Unwrapped<R>[]>;
export function map<E, M extends Module>(
  list: readonly (E | Value<E>)[],
  body: M & AcceptsElement<M, E>,
): CallOutput<M>[];
export function map<E, R>(
  list: readonly (E | Value<E>)[],
  body: (element: Value<E>, index: Value<number>) => R,
): R[];
export function map(list: unknown, body: MapBody<unknown, unknown>): unknown {
  const run = runner(body);
  if (Array.isArray(list)) {
    return list.map((element, index) => run(toValue(element), new Value(ValueKind.INT, index)));
  }
  const state = activeTraceState();
  const value = toValue(list);
  if (state) return traceMap(state, value, run);
  if (value.isError()) return value;
  const items = value.payload;
  if (!Array.isArray(items)) {
    return errorValue(new OpError("not_list", "map() needs a list"), {
      op: "map",
      sourceRefs: value.ref ? [value.ref] : [],
    });
  }
  return new Value(
    ValueKind.STRUCTURED,
    items.map((item, index) => run(toValue(item), new Value(ValueKind.INT, index))),
  );
}
