import type { JSONSchema, Message } from "@weft/provider";

/** The instruction that asks for JSON when the server cannot be told the schema natively. */
export function jsonInstruction(schema: JSONSchema | undefined): string {
  if (!schema) return "Answer with a single JSON value and nothing else.";
  return [
    "Answer with a single JSON value that validates against this JSON Schema, and nothing else:",
    JSON.stringify(schema),
  ].join("\n");
}

/**
 * Adds an instruction to the system prompt: appended to the first system message, or as a new
 * system message at the start when there is none. The input array is not modified.
 */
export function injectSystemInstruction(messages: readonly Message[], instruction: string): Message[] {
  const index = messages.findIndex((message) => message.role === "system");
  if (index === -1) return [{ role: "system", content: instruction }, ...messages];
  return messages.map((message, i) =>
    i === index ? { role: "system", content: `${message.content}\n\n${instruction}` } : message,
  );
}
