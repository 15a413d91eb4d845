import { ContainerError } from "../errors/container-error.js";
import { Module } from "../module/module.js";
import { checkModule, positionOf, setChildren, sliceBounds } from "./child-registry.js";

/**
 * A list of modules registered as children `"0"`, `"1"`, ... (plait-spec 5.5). Names follow positions and
 * are re-indexed after insertions and removals. Negative indices count from the end. It only holds
 * modules: calling it throws; iterate it in a `forward()`.
 *
 * @example
 * ```ts
 * class Ensemble extends Module {
 *   judges = new ModuleList([new Judge(), new Judge()]);
 *   forward(x: Value<string>) { return [...this.judges].map((judge) => judge.call(x)); }
 * }
 * ```
 */
export class ModuleList<M extends Module = Module> extends Module implements Iterable<M> {
  #items: M[] = [];

  constructor(modules: Iterable<M> = []) {
    super();
    this.extend(modules);
  }

  /** Always throws ContainerError(`not_callable`): a ModuleList only holds modules. */
  forward(): never {
    throw new ContainerError(
      "not_callable",
      "ModuleList is not callable: call its modules in your forward()",
    );
  }

  get length(): number {
    return this.#items.length;
  }

  at(index: number): M {
    return this.#items[positionOf("ModuleList", index, this.#items.length)] as M;
  }

  set(index: number, module: M): void {
    this.#items[positionOf("ModuleList", index, this.#items.length)] = checkModule("ModuleList", module) as M;
    this.sync(true);
  }

  delete(index: number): void {
    this.pop(index);
  }

  /** Removes and returns the module at `index`. Default: the last one. */
  pop(index = -1): M {
    const [removed] = this.#items.splice(positionOf("ModuleList", index, this.#items.length), 1);
    this.sync(true);
    return removed as M;
  }

  append(module: M): this {
    this.#items.push(checkModule("ModuleList", module) as M);
    this.sync(true);
    return this;
  }

  extend(modules: Iterable<M>): this {
    for (const module of modules) this.#items.push(checkModule("ModuleList", module) as M);
    this.sync(true);
    return this;
  }

  /** Inserts before `index` with Python list semantics (negative counts from the end; clamped). */
  insert(index: number, module: M): void {
    const length = this.#items.length;
    const position = Math.min(Math.max(index < 0 ? length + index : index, 0), length);
    this.#items.splice(position, 0, checkModule("ModuleList", module) as M);
    this.sync(true);
  }

  /** A new ModuleList of the modules in `[start, end)`; they are not re-parented. */
  slice(start?: number, end?: number): ModuleList<M> {
    const [from, to] = sliceBounds(this.#items.length, start, end);
    const slice = new ModuleList<M>();
    slice.#items = this.#items.slice(from, to);
    slice.sync(false);
    return slice;
  }

  [Symbol.iterator](): Iterator<M> {
    return this.#items[Symbol.iterator]();
  }

  private sync(reparent: boolean): void {
    setChildren(
      this,
      this.#items.map((module, index) => [String(index), module] as const),
      reparent,
    );
  }
}
