import type { JSONSchema } from "@weft/provider";
import { allowsNull, isRecord, resolveRef } from "./schema-walk.js";

interface ObjectShape {
  readonly properties: Readonly<Record<string, JSONSchema>>;
  readonly required: ReadonlySet<string>;
}

function branchesOf(schema: JSONSchema): readonly JSONSchema[] {
  return [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])];
}

/** The object shape a value was produced for: the schema's own, or the best-matching anyOf/oneOf branch. */
function objectShape(
  schema: JSONSchema,
  value: Record<string, unknown>,
  root: JSONSchema,
): ObjectShape | undefined {
  const candidates = [schema, ...branchesOf(schema)].map((s) => resolveRef(s, root));
  let best: JSONSchema | undefined;
  let bestScore = -1;
  for (const candidate of candidates) {
    if (!isRecord(candidate.properties)) continue;
    const names = Object.keys(candidate.properties);
    const score = Object.keys(value).filter((key) => names.includes(key)).length;
    if (score > bestScore) [best, bestScore] = [candidate, score];
  }
  if (!best) return undefined;
  return { properties: best.properties ?? {}, required: new Set(best.required ?? []) };
}

function itemsSchema(schema: JSONSchema, root: JSONSchema): JSONSchema | undefined {
  const candidates = [schema, ...branchesOf(schema)].map((s) => resolveRef(s, root));
  return candidates.find((candidate) => candidate.items !== undefined)?.items;
}

function clean(value: unknown, schema: JSONSchema, root: JSONSchema, depth: number): unknown {
  if (depth > 64) return value;
  const resolved = resolveRef(schema, root);
  if (Array.isArray(value)) {
    const items = itemsSchema(resolved, root);
    return items ? value.map((item) => clean(item, items, root, depth + 1)) : value;
  }
  if (!isRecord(value)) return value;
  const shape = objectShape(resolved, value, root);
  if (!shape) return value;
  const entries: [string, unknown][] = [];
  for (const [key, item] of Object.entries(value)) {
    const property = Object.hasOwn(shape.properties, key) ? shape.properties[key] : undefined;
    if (item === null && !shape.required.has(key) && !allowsNull(property, root)) continue;
    entries.push([key, property ? clean(item, property, root, depth + 1) : item]);
  }
  // fromEntries defines own properties, so a "__proto__" key in the answer never becomes a prototype.
  return Object.fromEntries(entries);
}

/**
 * Maps a strict-mode answer back to the caller's original schema: a `null` for a property that the
 * original schema made optional (not required) and that does not itself allow null is removed, so
 * `z.object({ a: z.string().optional() })` validates the answer. Nulls the original schema allows stay.
 */
export function removeOptionalNulls(value: unknown, schema: JSONSchema): unknown {
  return clean(value, schema, schema, 0);
}

/** True when some object in the schema has a property it does not require (so strict mode adds nulls). */
export function hasOptionalProperties(schema: unknown, depth = 0): boolean {
  if (!isRecord(schema) || depth > 64) return false;
  if (isRecord(schema.properties)) {
    const required = new Set(Array.isArray(schema.required) ? schema.required : []);
    if (Object.keys(schema.properties).some((name) => !required.has(name))) return true;
  }
  return Object.values(schema).some((child) =>
    Array.isArray(child)
      ? child.some((item) => hasOptionalProperties(item, depth + 1))
      : hasOptionalProperties(child, depth + 1),
  );
}
