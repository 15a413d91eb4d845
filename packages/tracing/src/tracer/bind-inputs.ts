import { isParameter, isValue, type Value, valueify } from "@weft/core";
import { TracingError } from "../errors/tracing-error.js";
import { isPlainRecord } from "../graph/structure.js";
import { isNamedInputs } from "../primitives/named.js";

/** Creates the input node `input:<name>` for `value` and returns its placeholder. @internal */
export type AddInput = (name: string, value: Value) => Value;

/**
 * Binds `trace()`'s arguments to input nodes (plait-spec 6.3) and returns them with every leaf replaced by
 * its input placeholder, structure kept. Positional arguments are indexed: each leaf is `input_<i>`, `i`
 * counting every leaf of the call; a key of an object on the way adds `_<key>` and keeps the indexed mode
 * (`input_<key>_<i>`), so names stay unique. A `named({...})` record binds by key: `input_<key>`, a list
 * under it `input_<key>_<i>`, nested keys `input_<key>_<sub>`. Leaves are Values, Parameters (lifted) and
 * any data that is not an array or a plain object. @internal
 */
export function bindInputs(args: readonly unknown[], addInput: AddInput): unknown[] {
  // Positional arguments and named records are separate binding calls in plait: separate counters.
  const counters = { positional: 0, named: 0 };
  const used = new Set<string>();
  const leaf = (value: unknown, name: string): Value => {
    if (used.has(name)) {
      throw new TracingError("input_name_collision", `Two inputs are both named "${name}"; rename one key`);
    }
    used.add(name);
    return addInput(name, isValue(value) ? value : (valueify(value) as Value));
  };
  const bind = (x: unknown, prefix: string, indexed: boolean, counter: keyof typeof counters): unknown => {
    if (isValue(x) || isParameter(x) || !(Array.isArray(x) || isPlainRecord(x))) {
      return leaf(isParameter(x) ? x.toValue() : x, indexed ? `${prefix}_${counters[counter]++}` : prefix);
    }
    if (Array.isArray(x)) return x.map((item) => bind(item, prefix, true, counter));
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(x)) out[key] = bind(x[key], `${prefix}_${key}`, indexed, counter);
    return out;
  };
  return args.map((arg) => {
    if (!isNamedInputs(arg)) return bind(arg, "input", true, "positional");
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(arg.inputs))
      out[key] = bind(arg.inputs[key], `input_${key}`, false, "named");
    return out;
  });
}
