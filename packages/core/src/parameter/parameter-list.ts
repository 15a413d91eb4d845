import { ContainerError } from "../errors/container-error.js";
import { setLink } from "../tree/tree-links.js";
import { checkParameter, joinName, PARAMETER_CONTAINER_BRAND } from "./container-brand.js";
import type { Parameter } from "./parameter.js";

/**
 * An ordered list of Parameters (plait-spec 5.5). Assigned to a module field, its parameters are named
 * `<field>.0`, `<field>.1`, ... and are owned by the list, which is owned by the module. Names follow
 * positions: they are re-indexed after every insertion or removal. Negative indices count from the end.
 *
 * @example
 * ```ts
 * class Classifier extends Module {
 *   examples = new ParameterList([new Parameter("a -> b", { requiresGrad: false })]);
 * }
 * ```
 */
export class ParameterList<T = unknown> implements Iterable<Parameter<T>> {
  #items: Parameter<T>[] = [];

  constructor(parameters: Iterable<Parameter<T>> = []) {
    this.extend(parameters);
  }

  get length(): number {
    return this.#items.length;
  }

  /** The parameter at `index`; ContainerError(`index_out_of_range`) outside the list. */
  at(index: number): Parameter<T> {
    return this.#items[this.position(index)] as Parameter<T>;
  }

  /** Replaces the parameter at `index`; its name is the non-negative index. */
  set(index: number, parameter: Parameter<T>): void {
    const position = this.position(index);
    this.#items[position] = checkParameter("ParameterList", parameter) as Parameter<T>;
    this.reindex();
  }

  append(parameter: Parameter<T>): this {
    this.#items.push(checkParameter("ParameterList", parameter) as Parameter<T>);
    this.reindex();
    return this;
  }

  extend(parameters: Iterable<Parameter<T>>): this {
    for (const parameter of parameters)
      this.#items.push(checkParameter("ParameterList", parameter) as Parameter<T>);
    this.reindex();
    return this;
  }

  /** Inserts before `index` with Python list semantics (a negative index counts from the end; clamped). */
  insert(index: number, parameter: Parameter<T>): void {
    const length = this.#items.length;
    const position = Math.min(Math.max(index < 0 ? length + index : index, 0), length);
    this.#items.splice(position, 0, checkParameter("ParameterList", parameter) as Parameter<T>);
    this.reindex();
  }

  /** Removes and returns the parameter at `index`. Default: the last one. */
  pop(index = -1): Parameter<T> {
    const [removed] = this.#items.splice(this.position(index), 1);
    this.reindex();
    return removed as Parameter<T>;
  }

  /** Removes the parameter at `index`. */
  delete(index: number): void {
    this.pop(index);
  }

  [Symbol.iterator](): Iterator<Parameter<T>> {
    return this.#items[Symbol.iterator]();
  }

  /** The parameters with their names under `prefix` (`prefix.0`, `prefix.1`, ...). */
  namedParameters(prefix = ""): [string, Parameter<T>][] {
    return this.#items.map((parameter, index) => [joinName(prefix, String(index)), parameter]);
  }

  toString(): string {
    const items = this.#items.map((p, i) => `  (${i}): Parameter(${JSON.stringify(p.value)})`);
    return `ParameterList(\n${items.join("\n")}\n)`;
  }

  private position(index: number): number {
    const length = this.#items.length;
    const position = index < 0 ? length + index : index;
    if (!Number.isInteger(index) || position < 0 || position >= length) {
      throw new ContainerError(
        "index_out_of_range",
        `ParameterList index ${index} out of range (length ${length})`,
      );
    }
    return position;
  }

  private reindex(): void {
    this.#items.forEach((parameter, index) => {
      setLink(parameter, String(index), this);
    });
  }
}

Object.defineProperty(ParameterList.prototype, PARAMETER_CONTAINER_BRAND, { value: true });
