import type { JSONSchema } from "./json-schema.js";

/** A function the model may call, described by a JSON Schema for its input. */
export interface ToolSpec {
  readonly name: string;
  readonly description?: string;
  /** JSON Schema of the tool's input object. */
  readonly inputSchema: JSONSchema;
}

/** How the model may use the offered tools. Default: `"auto"`. */
export type ToolChoice = "auto" | "none" | "required" | { readonly type: "tool"; readonly name: string };

/** A tool call made by the model. `input` is the raw JSON text of the arguments, as sent. */
export interface ToolCall {
  readonly toolCallId: string;
  readonly toolName: string;
  /** The arguments as JSON text; the runtime parses and validates them. */
  readonly input: string;
}
