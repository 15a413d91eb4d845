import { isPlainObject } from "../value/plain.js";
import { isValue } from "../value/value.js";

/** Thrown by {@link stableJson} for data JSON cannot represent faithfully. @internal */
export class NotSerializableError extends Error {}

function normalize(x: unknown, path: string): unknown {
  if (isValue(x)) return normalize(x.payload, path);
  if (x === null || typeof x === "string" || typeof x === "boolean") return x;
  if (typeof x === "number") {
    if (!Number.isFinite(x)) throw new NotSerializableError(`Non-finite number at ${path || "<root>"}`);
    return x;
  }
  if (Array.isArray(x)) return x.map((item, index) => normalize(item, `${path}[${index}]`));
  if (isPlainObject(x)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(x).sort()) out[key] = normalize(x[key], path ? `${path}.${key}` : key);
    return out;
  }
  const type = typeof x === "object" ? (x.constructor?.name ?? "object") : typeof x;
  throw new NotSerializableError(`Object of type ${type} is not JSON serializable (at ${path || "<root>"})`);
}

/**
 * Stable compact JSON (keys sorted, no spaces; plait-spec 3.4 STRUCTURED → TEXT). Nested Values become
 * their payloads. Throws {@link NotSerializableError} for undefined, functions, symbols, bigints,
 * non-finite numbers and class instances, instead of silently dropping them. @internal
 */
export function stableJson(x: unknown): string {
  return JSON.stringify(normalize(x, ""));
}
