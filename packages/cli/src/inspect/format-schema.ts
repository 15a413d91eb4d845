import { toJSONSchema, type z } from "zod";

type Json = Readonly<Record<string, unknown>>;

const MAX_LENGTH = 160;

function literal(value: unknown): string {
  return JSON.stringify(value);
}

function typeOf(schema: Json, defs: Json | undefined, depth: number): string {
  if (depth > 6) return "…";
  const ref = schema.$ref;
  if (typeof ref === "string") {
    const name = ref.split("/").at(-1) ?? ref;
    return defs && depth < 3 && defs[name] ? typeOf(defs[name] as Json, defs, depth + 1) : name;
  }
  if ("const" in schema) return literal(schema.const);
  if (Array.isArray(schema.enum)) return schema.enum.map(literal).join(" | ");
  const union = (schema.anyOf ?? schema.oneOf) as Json[] | undefined;
  if (Array.isArray(union)) return union.map((part) => typeOf(part, defs, depth + 1)).join(" | ");
  if (Array.isArray(schema.allOf))
    return (schema.allOf as Json[]).map((part) => typeOf(part, defs, depth + 1)).join(" & ");
  const type = schema.type;
  if (Array.isArray(type)) return type.join(" | ");
  switch (type) {
    case "object": {
      const properties = (schema.properties ?? {}) as Record<string, Json>;
      const required = new Set((schema.required ?? []) as string[]);
      const fields = Object.entries(properties).map(
        ([key, value]) => `${key}${required.has(key) ? "" : "?"}: ${typeOf(value, defs, depth + 1)}`,
      );
      return fields.length === 0 ? "object" : `{ ${fields.join(", ")} }`;
    }
    case "array": {
      const items = schema.items as Json | undefined;
      const item = items ? typeOf(items, defs, depth + 1) : "unknown";
      return item.includes(" ") && !item.startsWith("{") ? `(${item})[]` : `${item}[]`;
    }
    case "integer":
      return "integer";
    case undefined:
      return "any";
    default:
      return String(type);
  }
}

/**
 * A zod schema as a short TypeScript-like type for the terminal (`{ text: string, tags?: string[] }`), from its
 * JSON Schema (`io` picks the input or output side of transforms); cut at 160 characters.
 */
export function formatSchema(schema: z.ZodType, io: "input" | "output"): string {
  let json: Json;
  try {
    json = toJSONSchema(schema, { io, unrepresentable: "any" }) as Json;
  } catch {
    return "(a schema JSON Schema cannot express)";
  }
  const text = typeOf(json, (json.$defs ?? json.definitions) as Json | undefined, 0);
  return text.length > MAX_LENGTH ? `${text.slice(0, MAX_LENGTH - 1)}…` : text;
}
