import type { JSONSchema } from "@weft/provider";
import type { SeededRandom } from "../random/seeded-random.js";
import { SchemaGenerationError } from "./schema-generation-error.js";
import { numericBounds } from "./schema-ref.js";
import { word } from "./string-formats.js";

const DEFAULT_SPAN = 100;

/** A number (or integer) inside the schema's bounds, honouring `multipleOf`. */
export function generateNumber(
  schema: JSONSchema,
  integer: boolean,
  random: SeededRandom,
  path: string,
): number {
  const { min, max, exclusiveMin, exclusiveMax, multipleOf } = numericBounds(schema);
  const step = multipleOf ?? (integer ? 1 : undefined);
  let low = min ?? (max !== undefined ? max - DEFAULT_SPAN : 0);
  let high = max ?? low + DEFAULT_SPAN;
  if (step !== undefined) {
    const unit =
      integer && multipleOf !== undefined && !Number.isInteger(multipleOf) ? lcmWithOne(multipleOf) : step;
    let first = Math.ceil(low / unit);
    let last = Math.floor(high / unit);
    if (exclusiveMin && first * unit <= low) first++;
    if (exclusiveMax && last * unit >= high) last--;
    if (first > last) throw new SchemaGenerationError(path, "no multiple of the step fits the bounds");
    return normalize(random.int(first, last) * unit);
  }
  if (exclusiveMin) low += Math.min(0.01, (high - low) / 4);
  if (exclusiveMax) high -= Math.min(0.01, (high - low) / 4);
  if (low > high) throw new SchemaGenerationError(path, "minimum is above maximum");
  const value = Math.round((low + random.next() * (high - low)) * 100) / 100;
  return Math.min(high, Math.max(low, value));
}

/** The smallest multiple of `of` that is an integer (for integer schemas with a fractional multipleOf). */
function lcmWithOne(of: number): number {
  for (let k = 1; k <= 1000; k++) if (Number.isInteger(normalize(k * of))) return normalize(k * of);
  return Math.ceil(of);
}

/** Removes floating-point noise such as 0.30000000000000004. */
function normalize(value: number): number {
  return Number.parseFloat(value.toPrecision(12));
}

/** Words joined by spaces, stretched or cut to the schema's length bounds. */
export function generateString(schema: JSONSchema, random: SeededRandom): string {
  const minLength = typeof schema.minLength === "number" ? schema.minLength : 0;
  const maxLength = typeof schema.maxLength === "number" ? schema.maxLength : Number.POSITIVE_INFINITY;
  let text = Array.from({ length: random.int(1, 3) }, () => word(random)).join(" ");
  while (text.length < minLength) text += ` ${word(random)}`;
  if (text.length > maxLength) text = text.slice(0, maxLength).trimEnd();
  while (text.length < minLength) text += "x";
  return text;
}
