import type { BindOptions } from "../dispatch/bound-executor.js";
import { getBoundExecutor } from "../dispatch/bound-executor.js";
import { getTraceHandler } from "../dispatch/trace-handler.js";
import { NoExecutorError } from "../errors/no-executor-error.js";
import type { Parameter } from "../parameter/parameter.js";
import { valueify } from "../value/valueify.js";
import { directCall, MODULE_BRAND } from "./brands.js";
import {
  namedChildrenOf,
  namedDirectParametersOf,
  namedModulesOf,
  namedParametersOf,
} from "./introspection.js";
import { attachModuleState, createModuleState, type ModuleState, moduleStateOf } from "./module-state.js";
import type { Bound, CallArgs, CallOutput } from "./module-types.js";
import { trackAttributes } from "./registration.js";
import { loadStateDictInto, stateDictOf } from "./state-dict.js";

/** Options of `parameters()` / `namedParameters()`. */
export interface ParameterTraversalOptions {
  /** Prefix of every name (`namedParameters` only). Default: `""`. */
  readonly prefix?: string;
  /** List a parameter reached twice only once (first name wins). Default: `true`. */
  readonly removeDuplicate?: boolean;
}

/**
 * A composite module (plait-spec 5): its `forward()` is synchronous, receives Values and returns Values,
 * and is traced into a graph. Child modules and parameters assigned to fields are registered
 * automatically, in assignment order (the constructor returns a Proxy that sees every field definition).
 *
 * Call a child with `this.child.call(...args)`; see {@link Module.call} for what that returns. For plain
 * TypeScript computation that runs at execution (and may be async), extend `LeafModule` instead.
 *
 * A subclass may declare `inputSchema` and `outputSchema` fields (zod schemas, no `override` needed): the
 * call types then come from them, and tracing, the runner and `runLeaf` check data against them (read
 * them with `inputSchemaOf` / `outputSchemaOf`). Reserved member names: the methods below.
 *
 * @example
 * ```ts
 * class Pipeline extends Module {
 *   summarize = new LLMInference({ alias: "fast", systemPrompt: "Summarize." });
 *   forward(text: Value<string>) {
 *     return this.summarize.call(prompt`Text: ${text}`);
 *   }
 * }
 * ```
 */
export abstract class Module {
  constructor() {
    const state = createModuleState();
    const proxy = trackAttributes(this, state);
    attachModuleState(proxy, state);
    // biome-ignore lint/correctness/noConstructorReturn: the Proxy is what registers class fields.
    return proxy;
  }

  /** The computation. Composite: synchronous, on Values. Leaf: on plain data, may be async. */
  abstract forward(...args: never[]): unknown;

  /**
   * Calls the module; the mode decides what comes back:
   * - a trace is running: the trace handler records the call and returns a placeholder Value (for a
   *   leaf) or the inlined output of `forward()` (for a composite), synchronously;
   * - the module is bound (`bind`): a Promise of the output as plain data, from the installed executor
   *   (NoExecutorError when `@weft/execution` is not loaded);
   * - otherwise (direct): `forward()` runs now. A composite gets its arguments as Values and returns what
   *   forward returns; a leaf returns a Promise of its output; an LLMInference throws DirectCallError.
   *
   * An array argument is one argument, never a batch. The static type is the traced form; a bound
   * module's type (from `bind`) returns the Promise.
   */
  call<M extends Module>(this: M, ...args: CallArgs<M>): CallOutput<M> {
    const handler = getTraceHandler();
    if (handler) return handler.recordCall(this, args) as CallOutput<M>;
    const bound = stateOf(this).bound;
    if (bound) {
      const executor = getBoundExecutor();
      if (!executor) throw new NoExecutorError(this.constructor.name);
      return executor(this, args, bound) as CallOutput<M>;
    }
    return this[directCall](args) as CallOutput<M>;
  }

  /**
   * Binds the module to resources, so that `call` traces and executes it (plait `bind`). Returns the same
   * instance, typed so that `call` returns a Promise. Child modules are not bound.
   */
  bind<M extends Module>(this: M, resources: unknown, options: BindOptions = {}): Bound<M> {
    stateOf(this).bound = { resources, options: { ...options } };
    return this as unknown as Bound<M>;
  }

  /** Removes the binding; `call` is direct again. Returns the module. */
  unbind(): this {
    stateOf(this).bound = undefined;
    return this;
  }

  /** Whether `bind` was called (and not undone). */
  get isBound(): boolean {
    return stateOf(this).bound !== undefined;
  }

  /** Training mode flag. Default: `false` (eval). */
  get training(): boolean {
    return stateOf(this).training;
  }

  /** Sets training mode on this module and every descendant. Returns the module. */
  train(mode = true): this {
    for (const module of this.modules()) (moduleStateOf(module) as ModuleState).training = mode;
    return this;
  }

  /** `train(false)`. */
  eval(): this {
    return this.train(false);
  }

  /** Incremented by `applyUpdate` on any parameter this module owns (directly or in a container). */
  get stateVersion(): number {
    return stateOf(this).stateVersion;
  }

  /** Immediate child modules, in registration order. */
  children(): Module[] {
    return namedChildrenOf(this).map(([, child]) => child);
  }

  /** Immediate child modules with their attribute names. */
  namedChildren(): [string, Module][] {
    return namedChildrenOf(this);
  }

  /** This module and every descendant, depth-first, self first, each once. */
  modules(): Module[] {
    return namedModulesOf(this, "").map(([, module]) => module);
  }

  /** {@link modules} with dotted paths; the root is named `prefix` (default `""`). */
  namedModules(prefix = ""): [string, Module][] {
    return namedModulesOf(this, prefix);
  }

  /** Own parameters, then container parameters, then each child's, recursively. */
  parameters(options: Omit<ParameterTraversalOptions, "prefix"> = {}): Parameter[] {
    return this.namedParameters(options).map(([, parameter]) => parameter);
  }

  /** {@link parameters} with dotted names (`bias`, `inner.weight`, `prompts.0`). */
  namedParameters(options: ParameterTraversalOptions = {}): [string, Parameter][] {
    return namedParametersOf(this, options.prefix ?? "", options.removeDuplicate ?? true);
  }

  /** Own and container parameters, without recursion. */
  directParameters(): Parameter[] {
    return namedDirectParametersOf(this, "").map(([, parameter]) => parameter);
  }

  /** `{ dottedName: value }` for every parameter, in `namedParameters()` order; JSON-compatible values. */
  stateDict(): Record<string, unknown> {
    return stateDictOf(this);
  }

  /**
   * Assigns parameter values by dotted name. Throws UnknownParameterError, before assigning anything,
   * when a key names no parameter; missing keys are left alone (partial loads are allowed). Values are
   * set directly: no state-version bump, feedback buffers untouched.
   */
  loadStateDict(state: Readonly<Record<string, unknown>>): void {
    loadStateDictInto(this, state);
  }

  /** Direct mode of a composite: `forward` on valueified arguments. */
  [directCall](args: readonly unknown[]): unknown {
    return (this.forward as (...values: unknown[]) => unknown)(...args.map((arg) => valueify(arg)));
  }
}

Object.defineProperty(Module.prototype, MODULE_BRAND, { value: true });

function stateOf(module: Module): ModuleState {
  return moduleStateOf(module) as ModuleState;
}

/** Whether `x` is a {@link Module} (from any installed copy of weft). */
export function isModule(x: unknown): x is Module {
  return typeof x === "object" && x !== null && MODULE_BRAND in x;
}
