import type { BoundConfig } from "../dispatch/bound-executor.js";
import type { Module } from "./module.js";
import { moduleStateOf } from "./module-state.js";
import type { Bound } from "./module-types.js";

/**
 * The binding of a module: the resources and options of its last `bind(resources, options)` (the options
 * as copied at bind time), or `undefined` when it is not bound (never bound, or `unbind()` since). Children of
 * a bound module are not bound. Takes the module or what `bind` returned (the same instance). Lets an
 * executor honour a binding outside `call`, e.g. `run(module, ...)` applying the bound settings below its own
 * call options.
 *
 * @example
 * ```ts
 * const pipeline = new Pipeline().bind(manager, { maxConcurrent: 4 });
 * boundConfigOf(pipeline); // { resources: manager, options: { maxConcurrent: 4 } }
 * ```
 */
export function boundConfigOf(module: Module | Bound<Module>): BoundConfig | undefined {
  return moduleStateOf(module)?.bound;
}
