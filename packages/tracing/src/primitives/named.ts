const NAMED = Symbol.for("weft.tracing.named");

/** A record of inputs bound by name; made by {@link named}. */
export interface NamedInputs<
  T extends Readonly<Record<string, unknown>> = Readonly<Record<string, unknown>>,
> {
  readonly [NAMED]: true;
  readonly inputs: T;
}

/**
 * Marks a record passed to `trace()` as named inputs (plait's keyword arguments): its entries become input
 * nodes `input:input_<key>` (a list under a key: `input:input_<key>_<i>`) instead of the positional
 * `input:input_<key>_<i>`, and `forward()` receives the record with Values in place of the data.
 *
 * @example
 * ```ts
 * const graph = trace(pipeline, named({ question: "Why?", context: "..." }));
 * graph.inputIds; // ["input:input_question", "input:input_context"]
 * ```
 */
export function named<T extends Readonly<Record<string, unknown>>>(inputs: T): NamedInputs<T> {
  return Object.freeze({ [NAMED]: true as const, inputs });
}

/** Whether `x` was made by {@link named}. */
export function isNamedInputs(x: unknown): x is NamedInputs {
  return typeof x === "object" && x !== null && NAMED in x;
}
