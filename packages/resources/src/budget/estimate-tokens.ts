import type { GenerateRequest } from "@weft/provider";

/** Tokens counted per message beyond its content (role markers, separators); above every vendor's figure. */
export const MESSAGE_OVERHEAD_TOKENS = 8;
/** Tokens counted once per request (reply priming). */
export const REQUEST_OVERHEAD_TOKENS = 8;
/**
 * Tokens counted once for a request that offers tools or asks for JSON output, for the prompt the provider adds
 * out of sight: Anthropic documents a tool-use system prompt of up to 530 tokens (Claude 3 Opus with
 * `tool_choice: auto`; about 250-350 for later models), and structured output through a forced answer tool is
 * tool use; OpenAI's function preamble and JSON-mode instructions are shorter. 600 covers every documented figure.
 */
export const HIDDEN_PROMPT_ALLOWANCE_TOKENS = 600;
/** Tokens counted per tool definition (and per JSON response schema) for the text a provider wraps it in. */
export const TOOL_OVERHEAD_TOKENS = 32;
/**
 * Tokens counted per byte of a serialized tool definition or response schema. Providers re-render schemas
 * (indented JSON, TypeScript-like declarations) before the model sees them: the compact bytes bound the compact
 * text's tokens, and the line break and indentation a rendering adds per element (one or two tokens) fit in the
 * second byte, since a schema of keys, types and descriptions has far fewer elements than half its bytes.
 */
export const TOKENS_PER_SCHEMA_BYTE = 2;

/** UTF-8 byte length, without encoding the text (this runs on every message of every call). */
function bytes(text: string): number {
  return Buffer.byteLength(text, "utf8");
}

function schemaTokens(definition: unknown): number {
  return TOOL_OVERHEAD_TOKENS + TOKENS_PER_SCHEMA_BYTE * bytes(JSON.stringify(definition));
}

/**
 * An upper bound on the input tokens of `request`, never below what a provider bills:
 *
 * - message text counts one token per UTF-8 byte, plus {@link MESSAGE_OVERHEAD_TOKENS} per message and
 *   {@link REQUEST_OVERHEAD_TOKENS} once: byte-level BPE tokenizers (OpenAI, Anthropic) never emit a token shorter
 *   than one byte;
 * - each tool definition, and a JSON response schema, counts {@link TOOL_OVERHEAD_TOKENS} plus
 *   {@link TOKENS_PER_SCHEMA_BYTE} per byte of its compact JSON, whatever form the provider renders it in;
 * - a request with tools or a JSON response format adds {@link HIDDEN_PROMPT_ALLOWANCE_TOKENS} once, for the
 *   provider's hidden tool-use or structured-output prompt.
 *
 * It is typically 3-4x above the real count for English, which only matters near a budget's cap (the surplus is
 * refunded at settlement).
 */
export function estimateInputTokens(request: GenerateRequest): number {
  let tokens = REQUEST_OVERHEAD_TOKENS;
  for (const message of request.messages) {
    tokens += MESSAGE_OVERHEAD_TOKENS + bytes(message.content);
    if (message.role === "assistant") {
      for (const call of message.toolCalls ?? []) {
        tokens += MESSAGE_OVERHEAD_TOKENS + bytes(call.toolCallId) + bytes(call.toolName) + bytes(call.input);
      }
    } else if (message.role === "tool") {
      tokens += bytes(message.toolCallId) + bytes(message.toolName);
    }
  }
  const tools = request.tools ?? [];
  for (const tool of tools) tokens += schemaTokens(tool);
  const json = request.responseFormat?.type === "json";
  if (json) tokens += schemaTokens(request.responseFormat);
  if (tools.length > 0 || json) tokens += HIDDEN_PROMPT_ALLOWANCE_TOKENS;
  return tokens;
}
