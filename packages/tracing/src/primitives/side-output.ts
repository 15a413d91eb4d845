import { activeTraceState } from "../tracer/tracer.js";

/**
 * Marks `value` (a Value, or any structure of Values) as a named side output: the nodes it depends on run
 * and their results are recorded under `name`, although `forward()` does not return them (Chainette's
 * fire-and-forget branches). By default only nodes that reach an output run. Inside a `map` body the side
 * output is recorded per element; inside a route branch only when that branch is taken. Returns `value`.
 * Outside a trace it does nothing. Two side outputs with one name in one scope: TracingError.
 *
 * @example
 * ```ts
 * forward(text: Value<string>) {
 *   sideOutput("audit", this.audit.call(text)); // runs and is recorded, not returned
 *   return this.answer.call(text);
 * }
 * ```
 */
export function sideOutput<T>(name: string, value: T): T {
  activeTraceState()?.addSideOutput(name, value);
  return value;
}
