import type { CallArgs, Module } from "@weft/core";
import type { NamedInputs } from "@weft/tracing";

const ARGS_BRAND = Symbol.for("weft.execution.args");

/** Several positional arguments for a module whose `forward()` takes more than one: `args(a, b)`. */
export interface CallArguments<A extends readonly unknown[] = readonly unknown[]> {
  readonly [ARGS_BRAND]: true;
  readonly values: A;
}

/**
 * Wraps several positional arguments for `run`, `runBatch` and `runStream`, whose input is otherwise the single
 * argument of `forward()`.
 *
 * @example
 * ```ts
 * await run(compare, args(left, right), { resources });
 * ```
 */
export function args<A extends readonly unknown[]>(...values: A): CallArguments<A> {
  return { [ARGS_BRAND]: true, values };
}

/** What `run` takes as input for module `M`: its one argument, or `args(...)` when it takes several. */
export type RunInput<M> =
  CallArgs<M> extends readonly [infer Only]
    ? Only | NamedInputs
    : CallArgs<M> extends readonly []
      ? CallArguments<[]> | undefined
      : CallArguments<CallArgs<M>>;

/** The argument list an input stands for. */
export function argumentsOf(input: unknown): readonly unknown[] {
  if (typeof input === "object" && input !== null && ARGS_BRAND in input)
    return (input as CallArguments).values;
  return input === undefined ? [] : [input];
}

/** The module's name, used as the label of a nested run's budget. */
export function labelOf(module: Module): string {
  return module.constructor.name;
}
