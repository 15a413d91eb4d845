import type { JSONSchema } from "@weft/provider";
import { isObjectSchema, isRecord, schemaTypes } from "./schema-walk.js";

/** Keywords strict mode cannot express; a schema using any of them is sent non-strict instead. */
const UNSUPPORTED = [
  "allOf",
  "not",
  "if",
  "then",
  "else",
  "patternProperties",
  "propertyNames",
  "prefixItems",
];
/** Keywords dropped because strict mode rejects or ignores them and they never change the answer's shape. */
const DROPPED = ["$schema", "$id", "default", "examples"];

/** Thrown inside the walk when the schema cannot be made strict; caught by {@link toStrictJsonSchema}. */
class NotExpressible extends Error {}

function nullable(schema: JSONSchema): JSONSchema {
  if (schema.$ref !== undefined || schema.const !== undefined) return { anyOf: [schema, { type: "null" }] };
  if (schema.anyOf) {
    const hasNull = schema.anyOf.some((branch) => schemaTypes(branch).includes("null"));
    return hasNull ? schema : { ...schema, anyOf: [...schema.anyOf, { type: "null" }] };
  }
  const types = schemaTypes(schema);
  if (types.length === 0) return { anyOf: [schema, { type: "null" }] };
  if (types.includes("null")) return schema;
  const out: Record<string, unknown> = { ...schema, type: [...types, "null"] };
  if (Array.isArray(schema.enum) && !schema.enum.includes(null)) out.enum = [...schema.enum, null];
  return out as JSONSchema;
}

function strictObject(schema: JSONSchema, out: Record<string, unknown>): void {
  const properties = isRecord(schema.properties) ? schema.properties : {};
  const names = Object.keys(properties);
  const extra = schema.additionalProperties;
  if (names.length === 0 && (extra === true || isRecord(extra))) throw new NotExpressible("record type");
  const required = new Set(schema.required ?? []);
  const strictProperties: Record<string, JSONSchema> = {};
  for (const name of names) {
    const property = strictify(properties[name] as JSONSchema);
    strictProperties[name] = required.has(name) ? property : nullable(property);
  }
  if (schema.type === undefined) out.type = "object";
  out.properties = strictProperties;
  out.required = names;
  out.additionalProperties = false;
}

function strictify(schema: JSONSchema): JSONSchema {
  if (!isRecord(schema)) throw new NotExpressible("boolean schema");
  if (UNSUPPORTED.some((keyword) => schema[keyword] !== undefined)) throw new NotExpressible("keyword");
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) if (!DROPPED.includes(key)) out[key] = value;
  if (schema.oneOf) {
    // Strict mode has no oneOf; anyOf accepts the same answers whenever the branches are disjoint.
    out.anyOf = schema.oneOf.map(strictify);
    delete out.oneOf;
  }
  if (schema.anyOf) out.anyOf = schema.anyOf.map(strictify);
  if (schema.items !== undefined) out.items = strictify(schema.items);
  for (const table of ["$defs", "definitions"] as const) {
    const defs = schema[table];
    if (isRecord(defs)) {
      out[table] = Object.fromEntries(Object.entries(defs).map(([k, v]) => [k, strictify(v as JSONSchema)]));
    }
  }
  if (isObjectSchema(schema)) strictObject(schema, out);
  return out as JSONSchema;
}

/** A schema prepared for OpenAI strict mode, and whether the root had to be wrapped. */
export interface StrictJsonSchema {
  readonly schema: JSONSchema;
  /** True when a non-object root was wrapped as `{ value: <root> }` (strict mode needs an object root). */
  readonly wrapped: boolean;
}

/**
 * Makes a JSON schema acceptable to OpenAI structured outputs in strict mode: every object gets
 * `additionalProperties: false` and lists all its properties as required, optional properties become
 * nullable, `oneOf` becomes `anyOf`, and a non-object root is wrapped as `{ value }`.
 * Returns undefined when strict mode cannot express the schema (records, `allOf`, `not`, conditionals,
 * tuples);
 * callers then send the original schema with `strict: false`.
 */
export function toStrictJsonSchema(schema: JSONSchema): StrictJsonSchema | undefined {
  try {
    if (isObjectSchema(schema)) return { schema: strictify(schema), wrapped: false };
    const { $defs, definitions, ...rest } = schema;
    const wrapper: Record<string, unknown> = {
      type: "object",
      properties: { value: strictify(rest) },
      required: ["value"],
      additionalProperties: false,
    };
    // Definitions stay at the root so `#/$defs/...` references keep resolving.
    const defs = strictify({ $defs, definitions } as JSONSchema);
    if (defs.$defs) wrapper.$defs = defs.$defs;
    if (defs.definitions) wrapper.definitions = defs.definitions;
    return { schema: wrapper as JSONSchema, wrapped: true };
  } catch (error) {
    if (error instanceof NotExpressible) return undefined;
    throw error;
  }
}
