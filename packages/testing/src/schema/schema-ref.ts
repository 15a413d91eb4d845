import type { JSONSchema } from "@weft/provider";

/** A schema position: a schema object, or `true` (anything) / `false` (nothing) as JSON Schema allows. */
export type SchemaNode = JSONSchema | boolean;

/**
 * Resolves a local `$ref` (`#`, `#/$defs/Name`, `#/definitions/Name`, or any JSON pointer into the root).
 * Undefined when the pointer leads nowhere or the reference is not local.
 */
export function resolveRef(root: SchemaNode, ref: string): SchemaNode | undefined {
  if (!ref.startsWith("#")) return undefined;
  const pointer = ref.slice(1);
  if (pointer === "") return root;
  if (!pointer.startsWith("/")) return undefined;
  let node: unknown = root;
  for (const raw of pointer.slice(1).split("/")) {
    const key = decodeURIComponent(raw).replaceAll("~1", "/").replaceAll("~0", "~");
    if (typeof node !== "object" || node === null || !(key in node)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return typeof node === "object" || typeof node === "boolean" ? (node as SchemaNode) : undefined;
}

/** The schema's `type` keyword as a list (empty when absent), with OpenAPI `nullable: true` adding "null". */
export function schemaTypes(schema: JSONSchema): string[] {
  const declared =
    schema.type === undefined ? [] : Array.isArray(schema.type) ? [...schema.type] : [schema.type];
  if (schema.nullable === true && declared.length > 0 && !declared.includes("null")) declared.push("null");
  return declared as string[];
}

/** Numeric bounds of a schema, with draft-4 boolean `exclusiveMinimum`/`exclusiveMaximum` folded in. */
export interface NumericBounds {
  readonly min: number | undefined;
  readonly max: number | undefined;
  readonly exclusiveMin: boolean;
  readonly exclusiveMax: boolean;
  readonly multipleOf: number | undefined;
}

function num(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

/** Reads the numeric bounds of `schema`, the tighter one winning when both styles are present. */
export function numericBounds(schema: JSONSchema): NumericBounds {
  let min = num(schema.minimum);
  let max = num(schema.maximum);
  let exclusiveMin = schema.exclusiveMinimum === true;
  let exclusiveMax = schema.exclusiveMaximum === true;
  const exMin = num(schema.exclusiveMinimum);
  const exMax = num(schema.exclusiveMaximum);
  if (exMin !== undefined && (min === undefined || exMin >= min)) {
    min = exMin;
    exclusiveMin = true;
  }
  if (exMax !== undefined && (max === undefined || exMax <= max)) {
    max = exMax;
    exclusiveMax = true;
  }
  const multipleOf = num(schema.multipleOf);
  return {
    min,
    max,
    exclusiveMin,
    exclusiveMax,
    multipleOf: multipleOf && multipleOf > 0 ? multipleOf : undefined,
  };
}
