import { isValue, type Value, type ValueJSON, valueFromJSON } from "@weft/core";

/** A Value as JSON, or `undefined` when its payload cannot round-trip through JSON (then it is not stored). */
export function encodeValue(value: Value): ValueJSON | undefined {
  try {
    const json = value.toJSON() as ValueJSON;
    JSON.stringify(json);
    return json;
  } catch {
    return undefined;
  }
}

/** The Value a checkpoint stored. */
export function decodeValue(json: unknown): Value {
  return valueFromJSON(json);
}

const VALUE_KEY = "$value";

function isPlain(x: unknown): x is Record<string, unknown> {
  if (typeof x !== "object" || x === null) return false;
  const proto = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}

/** A structure of Values (a run's outputs) as JSON: each Value becomes `{ "$value": ValueJSON }`. */
export function encodeStructure(structure: unknown): unknown {
  if (isValue(structure)) return { [VALUE_KEY]: encodeValue(structure) ?? null };
  if (Array.isArray(structure)) return structure.map(encodeStructure);
  if (isPlain(structure)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(structure)) out[key] = encodeStructure(item);
    return out;
  }
  return structure;
}

/** The inverse of {@link encodeStructure}. */
export function decodeStructure(json: unknown): unknown {
  if (Array.isArray(json)) return json.map(decodeStructure);
  if (isPlain(json)) {
    const keys = Object.keys(json);
    if (keys.length === 1 && keys[0] === VALUE_KEY) {
      const stored = json[VALUE_KEY];
      return stored === null ? undefined : decodeValue(stored);
    }
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(json)) out[key] = decodeStructure(item);
    return out;
  }
  return json;
}
