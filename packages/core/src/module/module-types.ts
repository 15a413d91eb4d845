import type { z } from "zod";
import type { Unwrapped } from "../value/unwrap.js";
import type { Value } from "../value/value.js";
import type { ValueInput } from "../value/value-input.js";
import type { LeafModule } from "./leaf-module.js";

/** The zod schema a module declares as `inputSchema`, or `undefined` when it declares none. */
export type DeclaredInputSchema<M> = M extends { readonly inputSchema: infer S extends z.ZodType }
  ? S
  : undefined;

/** The zod schema a module declares as `outputSchema`, or `undefined` when it declares none. */
export type DeclaredOutputSchema<M> = M extends { readonly outputSchema: infer S extends z.ZodType }
  ? S
  : undefined;

/** The parameter list of a module's `forward()`. */
export type ForwardParameters<M> = M extends { forward(...args: infer A extends readonly unknown[]): unknown }
  ? A
  : never;

/** Each parameter of a forward() accepting any {@link ValueInput} of its unwrapped type. */
export type InputsFor<A extends readonly unknown[]> = { [K in keyof A]: ValueInput<Unwrapped<A[K]>> };

/** The return type of a module's `forward()`. */
export type ForwardReturn<M> = M extends { forward(...args: never[]): infer R } ? R : never;

/**
 * The arguments of `module.call(...)`: from `inputSchema` when declared (one argument, the schema's
 * input type), otherwise from `forward()`'s parameters, each accepting data, a Value, a Parameter, or a
 * container of them ({@link ValueInput}).
 */
export type CallArgs<M> =
  DeclaredInputSchema<M> extends z.ZodType
    ? [input: ValueInput<z.input<DeclaredInputSchema<M>>>]
    : InputsFor<ForwardParameters<M>>;

/**
 * What a leaf module produces, as plain data: the `outputSchema`'s output type when declared, otherwise
 * what `forward()` resolves to.
 */
export type LeafOutput<M> =
  DeclaredOutputSchema<M> extends z.ZodType
    ? z.output<DeclaredOutputSchema<M>>
    : Unwrapped<Awaited<ForwardReturn<M>>>;

/**
 * What `module.call(...)` returns while tracing: a `Value<LeafOutput>` placeholder for a leaf; for a
 * composite, what its `forward()` returns (tracing inlines composites).
 */
export type CallOutput<M> = M extends LeafModule ? Value<LeafOutput<M>> : ForwardReturn<M>;

/** What a bound module's `call` resolves to: the traced output as plain data. */
export type BoundOutput<M> = Unwrapped<CallOutput<M>>;

/**
 * A module after `bind(resources)`: the same instance, whose `call` returns a Promise of plain output. It is
 * still an `M` (an intersection, not an `Omit`), so it can be passed wherever the module can (`run(bound, x)`);
 * the Promise-returning `call` comes first, so it is the signature a call resolves to.
 */
export type Bound<M> = {
  /** Traces and executes through the installed executor; resolves to the output as plain data. */
  call(...args: CallArgs<M>): Promise<BoundOutput<M>>;
} & M;
