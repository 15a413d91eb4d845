/**
 * How a model can be made to answer in a JSON schema:
 * - `json-schema`: natively (OpenAI `response_format: json_schema`, vLLM guided JSON, Ollama `format`);
 * - `json-mode`: only "some JSON", so the schema goes into the instructions;
 * - `tool-call`: by forcing a call to a tool whose input is the schema;
 * - `none`: not at all; the runtime parses text and re-asks.
 */
export type StructuredOutputStrategy = "json-schema" | "json-mode" | "tool-call" | "none";

/** What a model can do, declared statically so the runtime picks strategies without trial calls. */
export interface ModelCapabilities {
  readonly structuredOutput: StructuredOutputStrategy;
  /** Accepts tool definitions and returns tool calls. */
  readonly tools: boolean;
  /** Implements {@link LanguageModel.stream}. */
  readonly streaming: boolean;
  /** Reports usage at the end of a stream. */
  readonly streamingUsage: boolean;
  /** The model's maximum output tokens, when known (budgets use it when `maxTokens` is unset). */
  readonly maxOutputTokens?: number;
  /** The model's context window in tokens, when known. */
  readonly contextWindow?: number;
}
