import type { JSONSchema } from "@weft/provider";
import type { SeededRandom } from "../random/seeded-random.js";
import { SchemaGenerationError } from "./schema-generation-error.js";
import type { SchemaNode } from "./schema-ref.js";

/** What the array and object generators need from the generator walking the schema. */
export interface GenerationContext {
  readonly random: SeededRandom;
  /** Depth after which optional properties are left out and arrays take their minimum size. */
  readonly maxDepth: number;
  /** Chance that an optional property is present (below `maxDepth`). */
  readonly optionalChance: number;
  /** Generates the value of a child schema. */
  value(node: SchemaNode, path: string, depth: number): unknown;
}

const MAX_EXTRA_ITEMS = 3;

/** An array for `schema`: `prefixItems`, then `items`, within the size bounds, unique when asked. */
export function generateArray(
  schema: JSONSchema,
  path: string,
  depth: number,
  context: GenerationContext,
): unknown[] {
  const prefix = Array.isArray(schema.prefixItems) ? (schema.prefixItems as SchemaNode[]) : [];
  const items = schema.items as SchemaNode | undefined;
  const min = Math.max(
    typeof schema.minItems === "number" ? schema.minItems : 0,
    items === false ? prefix.length : 0,
  );
  const limit = typeof schema.maxItems === "number" ? schema.maxItems : Number.POSITIVE_INFINITY;
  const max = Math.min(
    limit,
    items === false ? prefix.length : min + (depth >= context.maxDepth ? 0 : MAX_EXTRA_ITEMS),
  );
  const count = Math.max(min, context.random.int(Math.min(min, max), Math.max(min, max)));
  const out: unknown[] = [];
  for (let index = 0, attempts = 0; out.length < count; attempts++) {
    if (attempts > count * 20) throw new SchemaGenerationError(path, "cannot find enough unique items");
    const itemSchema = index < prefix.length ? prefix[index] : (items ?? true);
    const item = context.value(itemSchema as SchemaNode, `${path}/${index}`, depth + 1);
    if (schema.uniqueItems === true && out.some((other) => JSON.stringify(other) === JSON.stringify(item)))
      continue;
    out.push(item);
    index++;
  }
  return out;
}

/** An object for `schema`: required properties, optional ones by chance above `maxDepth`, extra keys for `minProperties`. */
export function generateObject(
  schema: JSONSchema,
  path: string,
  depth: number,
  context: GenerationContext,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const required = new Set(schema.required ?? []);
  const properties = schema.properties ?? {};
  for (const [key, propertySchema] of Object.entries(properties)) {
    const include =
      required.has(key) || (depth < context.maxDepth && context.random.chance(context.optionalChance));
    if (include) out[key] = context.value(propertySchema, `${path}/${key}`, depth + 1);
  }
  for (const key of required) {
    if (!Object.hasOwn(out, key))
      out[key] = context.value(additional(schema) ?? true, `${path}/${key}`, depth + 1);
  }
  const extra = additional(schema);
  const minProperties = typeof schema.minProperties === "number" ? schema.minProperties : 0;
  const wanted =
    Object.keys(properties).length === 0 && extra !== undefined && depth < context.maxDepth ? 2 : 0;
  for (let i = 0; Object.keys(out).length < Math.max(minProperties, wanted); i++) {
    if (extra === undefined)
      throw new SchemaGenerationError(path, "minProperties needs additional properties");
    out[`key_${i}`] = context.value(extra, `${path}/key_${i}`, depth + 1);
  }
  return out;
}

/** The schema allowed for undeclared properties, undefined when none is (`false`, or OpenAI strict default). */
function additional(schema: JSONSchema): SchemaNode | undefined {
  const extra = schema.additionalProperties;
  if (extra === false) return undefined;
  return extra === undefined ? undefined : (extra as SchemaNode);
}
