import type { JSONSchema } from "@weft/provider";

/** The instruction that asks for JSON when the schema cannot be given to the API natively. */
export function jsonInstruction(schema: JSONSchema | undefined): string {
  if (!schema) return "Answer with a single JSON value and nothing else.";
  return [
    "Answer with a single JSON value that validates against this JSON Schema, and nothing else:",
    JSON.stringify(schema),
  ].join("\n");
}
