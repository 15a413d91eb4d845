import { ContainerError } from "../errors/container-error.js";
import { Module } from "../module/module.js";
import { checkModule, setChildren } from "./child-registry.js";

/**
 * Modules by name, registered as children under their keys, in insertion order (plait-spec 5.5). Any
 * string is a valid key (access is through `get`, not attributes). Calling it throws.
 *
 * @example
 * ```ts
 * class Router extends Module {
 *   experts = new ModuleDict({ billing: new Billing(), tech: new Tech() });
 * }
 * ```
 */
export class ModuleDict<M extends Module = Module> extends Module {
  #items = new Map<string, M>();

  constructor(entries: Readonly<Record<string, M>> | Iterable<readonly [string, M]> = []) {
    super();
    this.update(entries);
  }

  /** Always throws ContainerError(`not_callable`): a ModuleDict only holds modules. */
  forward(): never {
    throw new ContainerError(
      "not_callable",
      "ModuleDict is not callable: call its modules in your forward()",
    );
  }

  get size(): number {
    return this.#items.size;
  }

  /** The module under `key`; ContainerError(`missing_key`) when absent. */
  get(key: string): M {
    const module = this.#items.get(key);
    if (!module) throw new ContainerError("missing_key", `ModuleDict has no key "${key}"`);
    return module;
  }

  set(key: string, module: M): void {
    this.#items.set(key, checkModule("ModuleDict", module) as M);
    this.sync();
  }

  has(key: string): boolean {
    return this.#items.has(key);
  }

  /** Removes `key` and its registration; returns whether it was there. */
  delete(key: string): boolean {
    const removed = this.#items.delete(key);
    this.sync();
    return removed;
  }

  /** Removes and returns the module under `key`; ContainerError(`missing_key`) when absent. */
  pop(key: string): M {
    const module = this.get(key);
    this.delete(key);
    return module;
  }

  clear(): void {
    this.#items.clear();
    this.sync();
  }

  /** Adds or replaces every entry. */
  update(entries: Readonly<Record<string, M>> | Iterable<readonly [string, M]>): void {
    const pairs = Symbol.iterator in entries ? entries : Object.entries(entries);
    for (const [key, module] of pairs as Iterable<readonly [string, M]>) {
      this.#items.set(key, checkModule("ModuleDict", module) as M);
    }
    this.sync();
  }

  keys(): string[] {
    return [...this.#items.keys()];
  }

  values(): M[] {
    return [...this.#items.values()];
  }

  entries(): [string, M][] {
    return [...this.#items.entries()];
  }

  private sync(): void {
    setChildren(this, this.#items, true);
  }
}
