import type { JSONSchema } from "@weft/provider";
import { SchemaGenerationError } from "./schema-generation-error.js";
import { resolveRef, type SchemaNode } from "./schema-ref.js";

/** Deeper `$ref` chains than this are taken for cycles. */
export const HARD_DEPTH_LIMIT = 32;

/** Follows `$ref` and merges `allOf` into one schema, keeping sibling keywords. */
export function flattenSchema(root: SchemaNode, schema: JSONSchema, path: string, seen = 0): JSONSchema {
  let current = schema;
  if (typeof current.$ref === "string") {
    const target = resolveRef(root, current.$ref);
    if (target === undefined) throw new SchemaGenerationError(path, `cannot resolve ${current.$ref}`);
    if (seen > HARD_DEPTH_LIMIT) throw new SchemaGenerationError(path, "$ref cycle");
    const { $ref: _ref, ...siblings } = current;
    const resolved =
      target === true ? {} : target === false ? { not: {} } : flattenSchema(root, target, path, seen + 1);
    current = { ...resolved, ...siblings };
  }
  if (current.allOf) {
    const { allOf, ...rest } = current;
    current = allOf.reduce<JSONSchema>(
      (merged, sub) => mergeSchemas(merged, flattenSchema(root, sub, path, seen + 1)),
      rest,
    );
  }
  return current;
}

/** Shallow-merges two schemas, combining `properties` and `required`. */
export function mergeSchemas(a: JSONSchema, b: JSONSchema): JSONSchema {
  const merged: Record<string, unknown> = { ...a, ...b };
  if (a.properties && b.properties) merged.properties = { ...a.properties, ...b.properties };
  if (a.required && b.required) merged.required = [...new Set([...a.required, ...b.required])];
  return merged as JSONSchema;
}
