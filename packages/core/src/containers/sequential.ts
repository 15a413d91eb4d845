import { ContainerError } from "../errors/container-error.js";
import { isModule, Module } from "../module/module.js";
import type { Value } from "../value/value.js";
import { checkModule, positionOf, setChildren, sliceBounds } from "./child-registry.js";

/**
 * Modules applied one after the other (plait-spec 5.5): `forward(x)` calls each child with the previous
 * output (an empty Sequential returns `x`). Children are named `"0"`, `"1"`, ... or by the keys of a
 * record. A composite: while tracing, every child call becomes a node.
 *
 * @example
 * ```ts
 * const pipeline = new Sequential(new Clean(), new Summarize());
 * const named = new Sequential({ clean: new Clean(), summarize: new Summarize() });
 * ```
 */
export class Sequential extends Module implements Iterable<Module> {
  constructor(...modules: Module[] | [Readonly<Record<string, Module>>]) {
    super();
    const [first] = modules;
    const entries: [string, Module][] =
      modules.length === 1 && first !== undefined && !isModule(first)
        ? Object.entries(first as Readonly<Record<string, Module>>)
        : (modules as unknown[]).map((module, index) => [String(index), module as Module]);
    for (const [, module] of entries) checkModule("Sequential", module);
    setChildren(this, entries, true);
  }

  /** Calls every child in order, feeding each the previous output. */
  forward(input: Value): unknown {
    let output: unknown = input;
    for (const child of this.children()) output = (child.call as (...args: unknown[]) => unknown)(output);
    return output;
  }

  get length(): number {
    return this.namedChildren().length;
  }

  /** The child at `index` (negative counts from the end); ContainerError outside the range. */
  at(index: number): Module {
    const children = this.children();
    return children[positionOf("Sequential", index, children.length)] as Module;
  }

  /** The child named `name` (`"0"`, or a record key); ContainerError(`missing_key`) when absent. */
  get(name: string): Module {
    const found = this.namedChildren().find(([key]) => key === name);
    if (!found) throw new ContainerError("missing_key", `Sequential has no module named "${name}"`);
    return found[1];
  }

  /** A new Sequential of the children in `[start, end)`, keeping their names; they are not re-parented. */
  slice(start?: number, end?: number): Sequential {
    const entries = this.namedChildren();
    const [from, to] = sliceBounds(entries.length, start, end);
    const slice = new Sequential();
    setChildren(slice, entries.slice(from, to), false);
    return slice;
  }

  /** Adds `module` at the end, named by its position. */
  append(module: Module): this {
    const entries = this.namedChildren();
    entries.push([String(entries.length), checkModule("Sequential", module)]);
    setChildren(this, entries, true);
    return this;
  }

  [Symbol.iterator](): Iterator<Module> {
    return this.children()[Symbol.iterator]();
  }
}
