import { isParameter, isValue, type Parameter, type Value, ValueRef } from "@weft/core";
import { isPlainRecord } from "../graph/structure.js";

/** What a node stores for a structure of arguments, and the refs it depends on. @internal */
export interface Encoded {
  readonly structure: unknown;
  readonly refs: string[];
}

/**
 * Turns arguments (or a returned structure) into what a node stores, in one walk: every Value with a ref
 * becomes a shared `ValueRef` and its ref a dependency (first-seen order, no duplicates); a Parameter is
 * lifted (`param:<name>`) first; arrays and plain objects are copied; everything else, including Values
 * without a ref, is kept as a literal. Payloads are never entered (plait-spec 2.4). @internal
 */
export class Encoder {
  readonly #refs = new Map<string, ValueRef>();
  readonly #lifted = new Map<Parameter, Value>();
  /** Parameters met in arguments, by ref. */
  readonly parameters = new Map<string, Parameter>();
  /** `param:` Values met without their Parameter (lifted by `prompt` or by hand), by ref. */
  readonly parameterValues = new Map<string, Value>();

  encode(x: unknown): Encoded {
    const refs: string[] = [];
    this.#seen = undefined;
    const structure = this.#walk(x, refs);
    return { structure, refs };
  }

  /** De-duplication of a large ref list (a linear scan is cheaper for the usual handful). */
  #seen: Set<string> | undefined;

  #add(refs: string[], ref: string): void {
    if (refs.length < 16) {
      if (!refs.includes(ref)) refs.push(ref);
      return;
    }
    if (this.#seen === undefined) this.#seen = new Set(refs);
    if (!this.#seen.has(ref)) {
      this.#seen.add(ref);
      refs.push(ref);
    }
  }

  /** The lifted Value of `parameter` (one per trace, so its ref and meta are stable). */
  lift(parameter: Parameter): Value {
    let value = this.#lifted.get(parameter);
    if (value === undefined) {
      value = parameter.toValue();
      this.#lifted.set(parameter, value);
      this.parameters.set(value.ref as string, parameter);
    }
    return value;
  }

  /** The shared ValueRef for `ref`. */
  ref(ref: string): ValueRef {
    let found = this.#refs.get(ref);
    if (found === undefined) {
      found = new ValueRef(ref);
      this.#refs.set(ref, found);
    }
    return found;
  }

  #walk(x: unknown, refs: string[]): unknown {
    if (typeof x !== "object" || x === null) return x;
    if (isValue(x)) {
      const ref = x.ref;
      if (ref === null) return x;
      this.#add(refs, ref);
      if (ref.startsWith("param:") && !this.parameters.has(ref)) this.parameterValues.set(ref, x);
      return this.ref(ref);
    }
    if (isParameter(x)) return this.#walk(this.lift(x), refs);
    if (Array.isArray(x)) {
      const out = new Array(x.length);
      for (let i = 0; i < x.length; i++) out[i] = this.#walk(x[i], refs);
      return out;
    }
    if (isPlainRecord(x)) {
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(x)) out[key] = this.#walk(x[key], refs);
      return out;
    }
    return x;
  }
}
