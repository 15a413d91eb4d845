import type { JSONSchema } from "@weft/provider";
import type { SeededRandom } from "../random/seeded-random.js";
import { generateNumber, generateString } from "./generate-scalars.js";
import { stringForPattern } from "./pattern-string.js";
import { SchemaGenerationError } from "./schema-generation-error.js";
import { resolveRef, type SchemaNode, schemaTypes } from "./schema-ref.js";
import { generateFormat } from "./string-formats.js";
import { validateValue } from "./validate-value.js";

/** Options of {@link generateValue}. */
export interface GenerateValueOptions {
  /** Nesting depth after which optional properties are left out, arrays take their minimum size and
   * recursive `anyOf` branches prefer non-recursive ones. Default: 4. */
  readonly maxDepth?: number;
  /** Chance that an optional property is present (below `maxDepth`). Default: 0.6. */
  readonly optionalChance?: number;
}

const HARD_DEPTH_LIMIT = 32;
const MAX_EXTRA_ITEMS = 3;

class Generator {
  private readonly maxDepth: number;
  private readonly optionalChance: number;

  constructor(
    private readonly root: SchemaNode,
    private readonly random: SeededRandom,
    options: GenerateValueOptions,
  ) {
    this.maxDepth = options.maxDepth ?? 4;
    this.optionalChance = options.optionalChance ?? 0.6;
  }

  value(node: SchemaNode, path: string, depth: number): unknown {
    if (depth > HARD_DEPTH_LIMIT)
      throw new SchemaGenerationError(path, "schema recursion does not terminate");
    if (node === false) throw new SchemaGenerationError(path, "schema `false` admits no value");
    if (node === true) return this.random.pick(["x", 1, true]);
    const schema = this.flatten(node, path);
    if ("const" in schema) return schema.const;
    if (schema.enum) {
      if (schema.enum.length === 0) throw new SchemaGenerationError(path, "empty enum");
      return this.random.pick(schema.enum);
    }
    if (schema.anyOf) return this.branch(schema, schema.anyOf, path, depth, false);
    if (schema.oneOf) return this.branch(schema, schema.oneOf, path, depth, true);
    const type = this.pickType(schema, depth);
    switch (type) {
      case "null":
        return null;
      case "boolean":
        return this.random.chance(0.5);
      case "integer":
      case "number":
        return generateNumber(schema, type === "integer", this.random, path);
      case "array":
        return this.array(schema, path, depth);
      case "object":
        return this.object(schema, path, depth);
      default:
        return this.string(schema, path);
    }
  }

  /** Follows `$ref` and merges `allOf` into one schema, keeping sibling keywords. */
  private flatten(schema: JSONSchema, path: string, seen = 0): JSONSchema {
    let current = schema;
    if (typeof current.$ref === "string") {
      const target = resolveRef(this.root, current.$ref);
      if (target === undefined) throw new SchemaGenerationError(path, `cannot resolve ${current.$ref}`);
      if (seen > HARD_DEPTH_LIMIT) throw new SchemaGenerationError(path, "$ref cycle");
      const { $ref: _ref, ...siblings } = current;
      const resolved =
        target === true ? {} : target === false ? { not: {} } : this.flatten(target, path, seen + 1);
      current = { ...resolved, ...siblings };
    }
    if (current.allOf) {
      const { allOf, ...rest } = current;
      current = allOf.reduce<JSONSchema>(
        (merged, sub) => mergeSchemas(merged, this.flatten(sub, path, seen + 1)),
        rest,
      );
    }
    return current;
  }

  private branch(
    schema: JSONSchema,
    branches: readonly JSONSchema[],
    path: string,
    depth: number,
    exactlyOne: boolean,
  ): unknown {
    const { anyOf: _a, oneOf: _o, ...siblings } = schema;
    const order = this.branchOrder(branches, depth);
    for (const index of order) {
      const candidate = mergeSchemas(siblings, this.flatten(branches[index] as JSONSchema, path));
      const value = this.value(candidate, path, depth);
      if (!exactlyOne) return value;
      const matching = branches.filter((sub) => validateValue(value, sub, this.root).length === 0);
      if (matching.length === 1) return value;
    }
    throw new SchemaGenerationError(path, "no oneOf branch yields a value matching exactly one branch");
  }

  /** Branch indexes to try, deep in the tree preferring branches without references (they end recursion). */
  private branchOrder(branches: readonly JSONSchema[], depth: number): number[] {
    const indexes = branches.map((_, i) => i);
    const first = this.random.int(0, indexes.length - 1);
    const rotated = [...indexes.slice(first), ...indexes.slice(0, first)];
    if (depth < this.maxDepth) return rotated;
    const isLeaf = (i: number) => !JSON.stringify(branches[i]).includes('"$ref"');
    return [...rotated.filter(isLeaf), ...rotated.filter((i) => !isLeaf(i))];
  }

  private pickType(schema: JSONSchema, depth: number): string {
    const types = schemaTypes(schema);
    if (types.length === 0) {
      if (schema.properties || schema.required || schema.additionalProperties !== undefined) return "object";
      if (schema.items !== undefined || schema.prefixItems !== undefined) return "array";
      if (schema.minimum !== undefined || schema.maximum !== undefined) return "number";
      return "string";
    }
    const concrete = types.filter((type) => type !== "null");
    if (concrete.length === 0) return "null";
    const nullChance = depth >= this.maxDepth ? 1 : 0.2;
    if (concrete.length < types.length && this.random.chance(nullChance)) return "null";
    return this.random.pick(concrete);
  }

  private string(schema: JSONSchema, path: string): string {
    if (typeof schema.pattern === "string") {
      const value = stringForPattern(schema.pattern, this.random);
      if (value === undefined)
        throw new SchemaGenerationError(path, `cannot generate a string for pattern ${schema.pattern}`);
      return value;
    }
    const formatted =
      typeof schema.format === "string" ? generateFormat(schema.format, this.random) : undefined;
    return formatted ?? generateString(schema, this.random);
  }

  private array(schema: JSONSchema, path: string, depth: number): unknown[] {
    const prefix = Array.isArray(schema.prefixItems) ? (schema.prefixItems as SchemaNode[]) : [];
    const items = schema.items as SchemaNode | undefined;
    const min = Math.max(
      typeof schema.minItems === "number" ? schema.minItems : 0,
      items === false ? prefix.length : 0,
    );
    const limit = typeof schema.maxItems === "number" ? schema.maxItems : Number.POSITIVE_INFINITY;
    const max = Math.min(
      limit,
      items === false ? prefix.length : min + (depth >= this.maxDepth ? 0 : MAX_EXTRA_ITEMS),
    );
    const count = Math.max(min, this.random.int(Math.min(min, max), Math.max(min, max)));
    const out: unknown[] = [];
    for (let index = 0, attempts = 0; out.length < count; attempts++) {
      if (attempts > count * 20) throw new SchemaGenerationError(path, "cannot find enough unique items");
      const itemSchema = index < prefix.length ? prefix[index] : (items ?? true);
      const item = this.value(itemSchema as SchemaNode, `${path}/${index}`, depth + 1);
      if (schema.uniqueItems === true && out.some((other) => JSON.stringify(other) === JSON.stringify(item)))
        continue;
      out.push(item);
      index++;
    }
    return out;
  }

  private object(schema: JSONSchema, path: string, depth: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const required = new Set(schema.required ?? []);
    const properties = schema.properties ?? {};
    for (const [key, propertySchema] of Object.entries(properties)) {
      const include = required.has(key) || (depth < this.maxDepth && this.random.chance(this.optionalChance));
      if (include) out[key] = this.value(propertySchema, `${path}/${key}`, depth + 1);
    }
    for (const key of required) {
      if (!Object.hasOwn(out, key))
        out[key] = this.value(additional(schema) ?? true, `${path}/${key}`, depth + 1);
    }
    const extra = additional(schema);
    const minProperties = typeof schema.minProperties === "number" ? schema.minProperties : 0;
    const wanted =
      Object.keys(properties).length === 0 && extra !== undefined && depth < this.maxDepth ? 2 : 0;
    for (let i = 0; Object.keys(out).length < Math.max(minProperties, wanted); i++) {
      if (extra === undefined)
        throw new SchemaGenerationError(path, "minProperties needs additional properties");
      out[`key_${i}`] = this.value(extra, `${path}/key_${i}`, depth + 1);
    }
    return out;
  }
}

/** The schema allowed for undeclared properties, undefined when none is (`false`, or OpenAI strict default). */
function additional(schema: JSONSchema): SchemaNode | undefined {
  const extra = schema.additionalProperties;
  if (extra === false) return undefined;
  return extra === undefined ? undefined : (extra as SchemaNode);
}

/** Shallow-merges two schemas, combining `properties` and `required`. */
function mergeSchemas(a: JSONSchema, b: JSONSchema): JSONSchema {
  const merged: Record<string, unknown> = { ...a, ...b };
  if (a.properties && b.properties) merged.properties = { ...a.properties, ...b.properties };
  if (a.required && b.required) merged.required = [...new Set([...a.required, ...b.required])];
  return merged as JSONSchema;
}

/**
 * A value that validates against `schema`, chosen by `random`: the same schema and seed always give the
 * same value. Covers objects (required and optional properties, `additionalProperties`), arrays (`items`,
 * `prefixItems`, size bounds, `uniqueItems`), `enum`/`const`, `anyOf`/`oneOf`/`allOf`, nullable types,
 * local `$ref`/`$defs` (recursion included), string length, `pattern` and formats, and numeric bounds.
 * Throws {@link SchemaGenerationError} for a schema it cannot satisfy.
 */
export function generateValue(
  schema: SchemaNode,
  random: SeededRandom,
  options: GenerateValueOptions = {},
): unknown {
  return new Generator(schema, random, options).value(schema, "", 0);
}
