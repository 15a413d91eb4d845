import type { JSONSchema } from "@weft/provider";

/** True for a plain JSON object (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The JSON types a schema names in its `type` keyword (empty when it names none). */
export function schemaTypes(schema: JSONSchema): readonly string[] {
  if (typeof schema.type === "string") return [schema.type];
  return Array.isArray(schema.type) ? (schema.type as readonly string[]) : [];
}

/** True when the schema describes an object: `type: "object"`, or `properties` without a type. */
export function isObjectSchema(schema: JSONSchema): boolean {
  const types = schemaTypes(schema);
  return types.includes("object") || (types.length === 0 && isRecord(schema.properties));
}

/**
 * Follows a local `$ref` (`#`, `#/$defs/X`, `#/definitions/X`) against the root schema.
 * Unknown or remote references resolve to the schema itself, which then constrains nothing more.
 */
export function resolveRef(schema: JSONSchema, root: JSONSchema, depth = 0): JSONSchema {
  const ref = schema.$ref;
  if (typeof ref !== "string" || depth > 32) return schema;
  if (ref === "#") return root;
  const match = /^#\/(\$defs|definitions)\/(.+)$/.exec(ref);
  if (!match) return schema;
  const table = root[match[1] as string] as Record<string, JSONSchema> | undefined;
  const target =
    table?.[decodeURIComponent((match[2] as string).replaceAll("~1", "/").replaceAll("~0", "~"))];
  return target ? resolveRef(target, root, depth + 1) : schema;
}

/** True when `null` validates against the schema as far as its type, enum, const and branches tell. */
export function allowsNull(schema: JSONSchema | undefined, root: JSONSchema, depth = 0): boolean {
  if (schema === undefined || depth > 32) return true;
  const resolved = resolveRef(schema, root);
  if (resolved.const !== undefined) return resolved.const === null;
  if (Array.isArray(resolved.enum)) return resolved.enum.includes(null);
  const branches = resolved.anyOf ?? resolved.oneOf;
  if (branches) return branches.some((branch) => allowsNull(branch, root, depth + 1));
  if (resolved.allOf) return resolved.allOf.every((branch) => allowsNull(branch, root, depth + 1));
  const types = schemaTypes(resolved);
  return types.length === 0 || types.includes("null");
}
