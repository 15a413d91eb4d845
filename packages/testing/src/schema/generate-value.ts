import type { JSONSchema } from "@weft/provider";
import type { SeededRandom } from "../random/seeded-random.js";
import { flattenSchema, HARD_DEPTH_LIMIT, mergeSchemas } from "./flatten-schema.js";
import { type GenerationContext, generateArray, generateObject } from "./generate-containers.js";
import { generateNumber, generateString } from "./generate-scalars.js";
import { stringForPattern } from "./pattern-string.js";
import { SchemaGenerationError } from "./schema-generation-error.js";
import { type SchemaNode, schemaTypes } from "./schema-ref.js";
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

class Generator implements GenerationContext {
  readonly maxDepth: number;
  readonly optionalChance: number;

  constructor(
    private readonly root: SchemaNode,
    readonly random: SeededRandom,
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
    const schema = flattenSchema(this.root, node, path);
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
        return generateArray(schema, path, depth, this);
      case "object":
        return generateObject(schema, path, depth, this);
      default:
        return this.string(schema, path);
    }
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
      const candidate = mergeSchemas(siblings, flattenSchema(this.root, branches[index] as JSONSchema, path));
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
