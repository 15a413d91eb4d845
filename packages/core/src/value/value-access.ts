import type { AccessKind } from "../dispatch/trace-handler.js";
import { opErrorValue } from "./error-values.js";
import { MetaKey } from "./meta-keys.js";
import { isPlainObject } from "./plain.js";
import { NO_PAYLOAD, rawPayload } from "./slots.js";
import { toValue } from "./to-value.js";
import { placeholderPayloadError } from "./trace-guards.js";
import { Value } from "./value.js";
import { ValueKind } from "./value-kind.js";

function missing(value: Value, access: AccessKind, key: string | number, why: string): Value {
  return opErrorValue(access, "missing_key", why, [value], { [MetaKey.path]: [key], [MetaKey.missing]: key });
}

/**
 * Computes `value.get(key)` / `at(index)` / `keys()` / `values()` / `entries()` on a concrete Value. Trace
 * handlers call it at execution for access nodes, so traced and direct access agree. Errors are data: an
 * ERROR input returns itself; a missing key, an index out of range or a payload of the wrong shape gives
 * an ERROR Value. A selected element that is a Value is returned as is; others are wrapped (`toValue`).
 */
export function accessValue(value: Value, access: AccessKind, key?: string | number): Value {
  if (value.kind === ValueKind.ERROR) return value;
  const payload = rawPayload(value);
  if (payload === NO_PAYLOAD) throw placeholderPayloadError(value.ref, false);
  if (access === "at") {
    if (!Array.isArray(payload)) return opErrorValue("at", "not_list", "Value is not a list", [value]);
    const index = key as number;
    const position = index < 0 ? payload.length + index : index;
    if (!Number.isInteger(index) || position < 0 || position >= payload.length) {
      return missing(value, access, index, `Index ${index} out of range for length ${payload.length}`);
    }
    return toValue(payload[position]);
  }
  if (!isPlainObject(payload)) {
    return opErrorValue(access, "not_mapping", "Value is not a mapping", [value]);
  }
  if (access === "keys") return new Value(ValueKind.STRUCTURED, Object.keys(payload));
  if (access === "values") return new Value(ValueKind.STRUCTURED, Object.values(payload));
  if (access === "entries") return new Value(ValueKind.STRUCTURED, Object.entries(payload));
  const name = String(key);
  if (!Object.hasOwn(payload, name)) return missing(value, access, name, `Missing key: ${name}`);
  return toValue(payload[name]);
}

/** The Values iterating a concrete Value yields (see `Value[Symbol.iterator]`). @internal */
export function* iterateValue(value: Value): Generator<Value> {
  if (value.kind === ValueKind.ERROR) return;
  const payload = rawPayload(value);
  if (Array.isArray(payload)) {
    for (const item of payload) yield toValue(item);
  } else if (isPlainObject(payload)) {
    for (const key of Object.keys(payload)) yield new Value(ValueKind.TEXT, key);
  }
}
