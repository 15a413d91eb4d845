import {
  type CallOutput,
  isModule,
  isValue,
  type Module,
  toValue,
  type Unwrapped,
  Value,
  ValueKind,
} from "@weft/core";
import { TracingError } from "../errors/tracing-error.js";
import { type BranchTracer, traceRoute } from "../tracer/trace-control.js";
import { activeTraceState } from "../tracer/tracer.js";
import { selectByKey, selectTruthy } from "./route-select.js";

/** A module seen without its call types (the arguments are checked by the module at execution). */
interface Callable {
  call(...args: unknown[]): unknown;
}

/** A branch: a module (called with the route's `args`) or a function (called with them). */
export type Branch = Module | ((...args: never[]) => unknown);

/** What a branch produces as plain data. */
export type BranchOutput<B> = B extends Module
  ? Unwrapped<CallOutput<B>>
  : B extends (...args: never[]) => infer R
    ? Unwrapped<R>
    : never;

/** Options of {@link route}. */
export interface RouteOptions<B> {
  /** Arguments every branch is called with. Default: none. */
  readonly args?: readonly unknown[];
  /** The branch taken when the key names none. Default: none (an ERROR Value, no branch runs). */
  readonly fallback?: Extract<keyof B, string>;
}

/** Options of {@link when}. */
export interface WhenOptions {
  /** Arguments both branches are called with. Default: none. */
  readonly args?: readonly unknown[];
}

function tracers(branches: Readonly<Record<string, Branch>>, args: readonly unknown[]): BranchTracer[] {
  const names = Object.keys(branches);
  if (names.length === 0) throw new TracingError("bad_branches", "route() needs at least one branch");
  return names.map((name) => {
    const branch = branches[name];
    if (!isModule(branch) && typeof branch !== "function") {
      throw new TracingError("bad_branches", `Branch "${name}" is neither a Module nor a function`);
    }
    const run = () =>
      isModule(branch)
        ? (branch as unknown as Callable).call(...args)
        : (branch as (...a: unknown[]) => unknown)(...args);
    return { name, run };
  });
}

/** Outside a trace: decide now and run the chosen branch. */
function decideNow(choice: Value, branches: readonly BranchTracer[]): unknown {
  if (choice.isError()) return choice;
  const output = branches.find((branch) => branch.name === choice.payload)?.run();
  return isValue(output) ? output : new Value(ValueKind.STRUCTURED, output);
}

/**
 * Chooses a branch from data at execution: `key` (a traced Value, usually text) names the branch to run;
 * the others are skipped (a node state of their own, not a failure) and cost nothing. The result is one
 * Value: the output of the branch taken (a structure becomes a STRUCTURED Value).
 *
 * While tracing, every branch is traced under a guard, between a `route` node (which evaluates the key)
 * and a `join` node (which returns the taken branch's output); see design_docs/tracing.md for what an
 * executor does. A key that names no branch takes `fallback`, or yields an ERROR Value. Values made in a
 * branch cannot be used outside it (TracingError `escaped_scope`): return them from the branch. Outside a
 * trace the key is read now and only the chosen branch runs.
 *
 * @example
 * ```ts
 * const reply = route(this.classify.call(ticket).get("kind"), {
 *   refund: this.refunds,
 *   question: () => this.answer.call(prompt`Answer: ${ticket}`),
 * }, { args: [ticket], fallback: "question" });
 * ```
 */
export function route<B extends Readonly<Record<string, Branch>>>(
  key: unknown,
  branches: B,
  options: RouteOptions<B> = {},
): Value<BranchOutput<B[keyof B]>> {
  const runners = tracers(branches, options.args ?? []);
  const names = runners.map((branch) => branch.name);
  const fallback = options.fallback ?? null;
  if (fallback !== null && !names.includes(fallback)) {
    throw new TracingError(
      "bad_fallback",
      `Fallback "${fallback}" is not a branch (branches: ${names.join(", ")})`,
    );
  }
  const select = selectByKey(names, fallback);
  const state = activeTraceState();
  if (state)
    return traceRoute(state, key, "key", runners, fallback, select) as Value<BranchOutput<B[keyof B]>>;
  return decideNow(select(toValue(key)) as Value, runners) as Value<BranchOutput<B[keyof B]>>;
}

/**
 * `route` on a condition: runs `then` when `condition` is truthy at execution (Python style: `false`,
 * `null`, `0`, `""`, `[]` and `{}` are false), `otherwise` when not; the other branch is skipped. This is
 * what replaces `if (value)` on traced data, which cannot be traced.
 *
 * @example
 * ```ts
 * const text = when(F.isError(draft).get("isError"), () => fallbackText, () => draft);
 * ```
 */
export function when<T extends Branch, O extends Branch>(
  condition: unknown,
  then: T,
  otherwise: O,
  options: WhenOptions = {},
): Value<BranchOutput<T> | BranchOutput<O>> {
  const runners = tracers({ then, otherwise }, options.args ?? []);
  const state = activeTraceState();
  if (state) return traceRoute(state, condition, "truthy", runners, null, selectTruthy()) as Value<never>;
  return decideNow(selectTruthy()(toValue(condition)) as Value, runners) as Value<never>;
}
