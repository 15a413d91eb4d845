import type { JSONSchema } from "@weft/provider";

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** True when the schema describes an object: `type: "object"`, or `properties` without a type. */
export function isObjectSchema(schema: JSONSchema): boolean {
  const types =
    typeof schema.type === "string" ? [schema.type] : Array.isArray(schema.type) ? schema.type : [];
  return types.includes("object") || (types.length === 0 && isRecord(schema.properties));
}

/** A schema ready to be a tool input or native output format, and whether it was wrapped. */
export interface AnswerSchema {
  readonly schema: JSONSchema;
  /** A non-object root was wrapped as `{ value: <root> }`; answers must be unwrapped. */
  readonly wrapped: boolean;
}

/**
 * Tool inputs and Anthropic's native output format both need an object at the root: a non-object
 * schema is wrapped as `{ value }`, with its `$defs` kept at the root so references still resolve.
 */
export function toAnswerSchema(schema: JSONSchema | undefined): AnswerSchema {
  if (!schema) return { schema: { type: "object" }, wrapped: false };
  // The API wants `type: "object"` spelled out on tool inputs, even where `properties` implies it.
  if (isObjectSchema(schema))
    return { schema: schema.type === undefined ? { type: "object", ...schema } : schema, wrapped: false };
  const { $defs, definitions, $schema: _, ...rest } = schema;
  return {
    wrapped: true,
    schema: {
      type: "object",
      properties: { value: rest },
      required: ["value"],
      ...($defs ? { $defs } : {}),
      ...(definitions ? { definitions } : {}),
    },
  };
}

function close(schema: unknown, depth: number): unknown {
  if (Array.isArray(schema)) return schema.map((item) => close(item, depth + 1));
  if (!isRecord(schema) || depth > 64) return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    // `properties` and `$defs` map names to schemas: close the schemas, never treat the map as one.
    out[key] =
      (key === "properties" || key === "$defs" || key === "definitions") && isRecord(value)
        ? Object.fromEntries(Object.entries(value).map(([name, child]) => [name, close(child, depth + 1)]))
        : close(value, depth + 1);
  }
  if (isObjectSchema(schema as JSONSchema)) {
    const extra = schema.additionalProperties;
    const named = isRecord(schema.properties) && Object.keys(schema.properties).length > 0;
    if (!named && (extra === true || isRecord(extra))) throw new RangeError("record");
    out.additionalProperties = false;
  }
  return out;
}

/**
 * The schema for Anthropic's native structured outputs (`output_config.format`), which needs
 * `additionalProperties: false` on every object. Undefined when the schema has a record type
 * (free-form keys), which that format cannot express; callers then use a forced tool call.
 */
export function toNativeOutputSchema(schema: JSONSchema): JSONSchema | undefined {
  try {
    return close(schema, 0) as JSONSchema;
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}

/** Unwraps a `{ value }` answer back to the caller's root; non-JSON text passes through unchanged. */
export function unwrapAnswer(text: string): string {
  try {
    const value: unknown = JSON.parse(text);
    return isRecord(value) && Object.hasOwn(value, "value") ? JSON.stringify(value.value) : text;
  } catch {
    return text;
  }
}
