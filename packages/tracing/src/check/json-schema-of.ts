import { toJSONSchema, type z } from "zod";

const cache = new WeakMap<object, Record<string, unknown> | null>();

/**
 * The JSON Schema of a zod schema (`io: "input"` for what a module accepts, `"output"` for what it
 * produces), without `$schema`; cached per schema. `null` when zod cannot express it (for example a
 * transform on the input side): such schemas are not checked.
 */
export function jsonSchemaOf(
  schema: z.ZodType,
  io: "input" | "output" = "output",
): Record<string, unknown> | null {
  const key = io === "input" ? inputKey(schema) : schema;
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  let json: Record<string, unknown> | null;
  try {
    const { $schema: _ignored, ...rest } = toJSONSchema(schema, { io, unrepresentable: "any" }) as Record<
      string,
      unknown
    >;
    json = rest;
  } catch {
    json = null;
  }
  cache.set(key, json);
  return json;
}

const inputKeys = new WeakMap<object, object>();

function inputKey(schema: object): object {
  let key = inputKeys.get(schema);
  if (!key) {
    key = {};
    inputKeys.set(schema, key);
  }
  return key;
}

/** Makes {@link jsonSchemaOf} return `json` for `schema` (a schema rebuilt from that JSON Schema). @internal */
export function rememberJsonSchema<S extends z.ZodType>(schema: S, json: Record<string, unknown>): S {
  cache.set(schema, json);
  return schema;
}
