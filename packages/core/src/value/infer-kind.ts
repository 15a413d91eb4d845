import { isFloatNumber } from "./float.js";
import { isBinary, isPlainObject } from "./plain.js";
import { ValueKind } from "./value-kind.js";

/**
 * The kind of a raw JavaScript value (plait-spec 2.3, in this order): string → TEXT; boolean → OTHER;
 * an {@link asFloat} marker → FLOAT; an integral number → INT, any other number (NaN, Infinity, 1.5) →
 * FLOAT; bytes → BINARY; a plain object or an array → STRUCTURED; an Error → ERROR; anything else
 * (null, undefined, bigint, class instances) → OTHER.
 */
export function inferKind(x: unknown): ValueKind {
  if (typeof x === "string") return ValueKind.TEXT;
  if (typeof x === "boolean") return ValueKind.OTHER;
  if (isFloatNumber(x)) return ValueKind.FLOAT;
  if (typeof x === "number") return Number.isInteger(x) ? ValueKind.INT : ValueKind.FLOAT;
  if (isBinary(x)) return ValueKind.BINARY;
  if (Array.isArray(x) || isPlainObject(x)) return ValueKind.STRUCTURED;
  if (x instanceof Error) return ValueKind.ERROR;
  return ValueKind.OTHER;
}
