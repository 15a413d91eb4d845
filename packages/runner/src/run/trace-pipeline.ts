import { inputSchemaOf, type Module, Value, ValueKind } from "@weft/core";
import { type InferenceGraph, trace } from "@weft/tracing";
import { toJSONSchema, type z } from "zod";

const KIND_OF_TYPE: Readonly<Record<string, ValueKind>> = {
  string: ValueKind.TEXT,
  integer: ValueKind.INT,
  number: ValueKind.FLOAT,
  boolean: ValueKind.OTHER,
  object: ValueKind.STRUCTURED,
  array: ValueKind.STRUCTURED,
};

const PAYLOAD_OF_KIND: Readonly<Partial<Record<ValueKind, unknown>>> = {
  [ValueKind.TEXT]: "",
  [ValueKind.INT]: 0,
  [ValueKind.FLOAT]: 0,
  [ValueKind.STRUCTURED]: {},
  [ValueKind.OTHER]: null,
};

function kindOfSchema(schema: z.ZodType | undefined): ValueKind {
  if (schema === undefined) return ValueKind.STRUCTURED;
  try {
    const type = (toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as { type?: unknown }).type;
    return (typeof type === "string" ? KIND_OF_TYPE[type] : undefined) ?? ValueKind.STRUCTURED;
  } catch {
    return ValueKind.STRUCTURED;
  }
}

/**
 * The input a pipeline is traced with before any item is read: a Value of the kind the module's `inputSchema`
 * describes (an object schema, or no schema at all, gives a STRUCTURED Value, as a JSONL or CSV entry is).
 * Tracing never reads an input's data, so only the kind matters.
 */
export function probeInput(module: Module): Value {
  const kind = kindOfSchema(inputSchemaOf(module));
  return new Value(kind, PAYLOAD_OF_KIND[kind] ?? null);
}

/**
 * Traces `module` the way the runner runs it: one argument, the dataset entry as a single Value (see
 * {@link itemArgument}). The graph is what `graph.json`, `weft inspect` and `weft graph` show, and its hash is
 * what a resume compares. Throws what tracing throws (`TraceError`, `TracingError`, the pipeline's own errors).
 */
export function tracePipeline(module: Module): InferenceGraph {
  return (trace as (module: Module, ...args: unknown[]) => InferenceGraph)(module, probeInput(module));
}
