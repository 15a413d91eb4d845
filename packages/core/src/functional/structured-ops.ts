import type { z } from "zod";
import { isZodSchema } from "../schema/check-schema.js";
import { opErrorValue } from "../value/error-values.js";
import { MetaKey } from "../value/meta-keys.js";
import { isPlainObject } from "../value/plain.js";
import { toValue } from "../value/to-value.js";
import { isValue, Value } from "../value/value.js";
import { ValueKind } from "../value/value-kind.js";
import { resolveErrors } from "./resolve-errors.js";
import { type TextInput, textOf } from "./text-input.js";
import { tracedOp } from "./traced-op.js";

/** A check for parsed data: a zod schema or a type guard. */
export type StructuredSchema<T = unknown> = z.ZodType<T> | ((data: unknown) => data is T);

function describeSchema(schema: unknown): string {
  if (isZodSchema(schema)) return schema.description ?? "zod schema";
  return typeof schema === "function" ? schema.name || "type guard" : typeof schema;
}

function parseNow(text: unknown, schema?: unknown): Value {
  const inputs = [text, schema];
  const error = resolveErrors([text, schema]);
  if (error) return error;
  const source = textOf(text);
  if (source === undefined) return opErrorValue("parseStructured", "not_text", "Value is not text", inputs);
  let data: unknown;
  try {
    data = JSON.parse(source);
  } catch (cause) {
    return opErrorValue(
      "parseStructured",
      "parse_failed",
      `Invalid JSON: ${(cause as Error).message}`,
      inputs,
    );
  }
  if (schema === undefined) return toValue(data);
  const schemaMeta = { [MetaKey.schema]: describeSchema(schema) };
  if (isZodSchema(schema)) {
    const result = schema.safeParse(data);
    if (result.success) return toValue(result.data);
    const first = result.error.issues[0];
    const detail = first ? `${first.path.map(String).join(".") || "<root>"}: ${first.message}` : "invalid";
    return opErrorValue(
      "parseStructured",
      "schema_mismatch",
      `Does not match the schema: ${detail}`,
      inputs,
      {
        ...schemaMeta,
        issues: result.error.issues.map((issue) => ({
          path: issue.path.map(String),
          message: issue.message,
        })),
      },
    );
  }
  if (typeof schema === "function") {
    if ((schema as (d: unknown) => boolean)(data)) return toValue(data);
    return opErrorValue(
      "parseStructured",
      "schema_mismatch",
      "Does not match the schema",
      inputs,
      schemaMeta,
    );
  }
  return opErrorValue(
    "parseStructured",
    "invalid_schema",
    "Schema must be a zod schema or a type guard",
    inputs,
  );
}

/**
 * Parses JSON text into a Value (STRUCTURED for objects and arrays). With a zod schema the parsed output
 * is the schema's output (transforms apply); with a type guard the data must pass it. Invalid JSON, a
 * mismatch (meta `schema`, `issues`) or an invalid schema give an ERROR Value.
 */
export function parseStructured<S extends z.ZodType>(text: TextInput, schema: S): Value<z.output<S>>;
export function parseStructured<T>(text: TextInput, guard: (data: unknown) => data is T): Value<T>;
export function parseStructured(text: TextInput): Value<unknown>;
export function parseStructured(text: TextInput, schema?: StructuredSchema): Value {
  return tracedOp(
    "parseStructured",
    ValueKind.STRUCTURED,
    schema === undefined ? [text] : [text, schema],
    parseNow,
  );
}

function mergeNow(...structs: unknown[]): Value {
  const error = resolveErrors(structs);
  if (error) return error;
  const merged: Record<string, unknown> = {};
  for (const struct of structs) {
    const payload = isValue(struct)
      ? struct.kind === ValueKind.STRUCTURED
        ? struct.payload
        : undefined
      : struct;
    if (Array.isArray(payload)) {
      return opErrorValue("merge", "not_mapping", "merge requires mapping payloads", structs);
    }
    if (!isPlainObject(payload))
      return opErrorValue("merge", "not_structured", "Value is not structured", structs);
    Object.assign(merged, payload);
  }
  return new Value(ValueKind.STRUCTURED, merged);
}

/** A shallow merge of structured mappings, left to right (later keys win). A list gives an ERROR Value. */
export function merge(...structs: readonly unknown[]): Value<Record<string, unknown>> {
  return tracedOp("merge", ValueKind.STRUCTURED, structs, mergeNow) as Value<Record<string, unknown>>;
}
