import { z } from "zod";

function isPlain(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

/**
 * A zod object schema that accepts what judges actually send (plait's lenient parsing): keys are matched
 * case-insensitively after trimming, spaces and dashes count as underscores, `aliases` map other names to
 * a field, and numbers written as strings are coerced where the field is a number. The JSON Schema sent to
 * the model is the strict `shape`'s. @internal
 */
export function lenientObject<S extends z.ZodRawShape>(
  shape: S,
  aliases: Readonly<Record<string, keyof S & string>>,
): z.ZodType<z.output<z.ZodObject<S>>> {
  const strict = z.object(shape);
  const numeric = new Set(Object.keys(shape).filter((key) => shape[key] instanceof z.ZodNumber));
  return z.preprocess((raw) => {
    if (!isPlain(raw)) return raw;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(raw)) {
      const normal = key
        .trim()
        .toLowerCase()
        .replaceAll(/[\s-]+/g, "_");
      const field = normal in shape ? normal : (aliases[normal] ?? aliases[normal.replaceAll("_", "")]);
      if (field === undefined || field in out) continue;
      out[field] =
        numeric.has(field) && typeof value === "string" && value.trim() !== "" ? Number(value) : value;
    }
    return out;
  }, strict) as unknown as z.ZodType<z.output<z.ZodObject<S>>>;
}
