import { ValueKind } from "@weft/core";
import type { z } from "zod";
import { jsonSchemaOf } from "../check/json-schema-of.js";

const BY_TYPE: Readonly<Record<string, ValueKind>> = {
  string: ValueKind.TEXT,
  integer: ValueKind.INT,
  number: ValueKind.FLOAT,
  object: ValueKind.STRUCTURED,
  array: ValueKind.STRUCTURED,
};

/**
 * The Value kind a leaf's output will have, from its declared output schema (`z.string()` → TEXT,
 * objects and arrays → STRUCTURED, ...); OTHER when there is no schema or it says nothing simpler. @internal
 */
export function kindOfSchema(schema: z.ZodType | undefined): ValueKind {
  if (schema === undefined) return ValueKind.OTHER;
  const type = jsonSchemaOf(schema, "output")?.type;
  return (typeof type === "string" ? BY_TYPE[type] : undefined) ?? ValueKind.OTHER;
}
