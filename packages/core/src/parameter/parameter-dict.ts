import { ContainerError } from "../errors/container-error.js";
import { setLink } from "../tree/tree-links.js";
import { checkParameter, joinName, PARAMETER_CONTAINER_BRAND } from "./container-brand.js";
import type { Parameter } from "./parameter.js";

/**
 * A mapping of names to Parameters (plait-spec 5.5). Assigned to a module field, its parameters are named
 * `<field>.<key>`. Keys keep insertion order.
 *
 * @example
 * ```ts
 * class Router extends Module {
 *   prompts = new ParameterDict({ billing: new Parameter("...", { description: "Billing rules" }) });
 * }
 * ```
 */
export class ParameterDict<T = unknown> {
  #items = new Map<string, Parameter<T>>();

  constructor(
    entries: Readonly<Record<string, Parameter<T>>> | Iterable<readonly [string, Parameter<T>]> = [],
  ) {
    this.update(entries);
  }

  get size(): number {
    return this.#items.size;
  }

  /** The parameter under `key`; ContainerError(`missing_key`) when there is none. */
  get(key: string): Parameter<T> {
    const parameter = this.#items.get(key);
    if (!parameter) throw new ContainerError("missing_key", `ParameterDict has no key "${key}"`);
    return parameter;
  }

  set(key: string, parameter: Parameter<T>): void {
    this.#items.set(key, checkParameter("ParameterDict", parameter) as Parameter<T>);
    setLink(parameter, key, this);
  }

  has(key: string): boolean {
    return this.#items.has(key);
  }

  /** Removes `key`; returns whether it was there. */
  delete(key: string): boolean {
    return this.#items.delete(key);
  }

  /** Removes and returns the parameter under `key`; ContainerError(`missing_key`) when there is none. */
  pop(key: string): Parameter<T> {
    const parameter = this.get(key);
    this.#items.delete(key);
    return parameter;
  }

  clear(): void {
    this.#items.clear();
  }

  /** Adds or replaces every entry of `entries`. */
  update(entries: Readonly<Record<string, Parameter<T>>> | Iterable<readonly [string, Parameter<T>]>): void {
    const pairs = Symbol.iterator in entries ? entries : Object.entries(entries);
    for (const [key, parameter] of pairs as Iterable<readonly [string, Parameter<T>]>)
      this.set(key, parameter);
  }

  keys(): string[] {
    return [...this.#items.keys()];
  }

  values(): Parameter<T>[] {
    return [...this.#items.values()];
  }

  entries(): [string, Parameter<T>][] {
    return [...this.#items.entries()];
  }

  /** The parameters with their names under `prefix` (`prefix.key`). */
  namedParameters(prefix = ""): [string, Parameter<T>][] {
    return this.entries().map(([key, parameter]) => [joinName(prefix, key), parameter]);
  }

  toString(): string {
    const items = this.entries().map(([key, p]) => `  (${key}): Parameter(${JSON.stringify(p.value)})`);
    return `ParameterDict(\n${items.join("\n")}\n)`;
  }
}

Object.defineProperty(ParameterDict.prototype, PARAMETER_CONTAINER_BRAND, { value: true });
