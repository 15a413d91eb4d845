import type { GenerateRequest } from "@weft/provider";

/** Tokens counted per message beyond its content (role markers, separators); above every vendor's figure. */
export const MESSAGE_OVERHEAD_TOKENS = 8;
/** Tokens counted once per request (reply priming) and once per tool definition. */
export const REQUEST_OVERHEAD_TOKENS = 8;

const encoder = new TextEncoder();

function bytes(text: string): number {
  return encoder.encode(text).length;
}

/**
 * An upper bound on the input tokens of `request`: the UTF-8 byte length of every message, tool definition and
 * output schema, plus a fixed overhead per message. Byte-level BPE tokenizers (OpenAI, Anthropic) never emit a
 * token shorter than one byte, so the bound is never below the real count; it is typically 3-4x above it for
 * English, which only matters near a budget's cap (the surplus is refunded at settlement).
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
  for (const tool of request.tools ?? []) {
    tokens += REQUEST_OVERHEAD_TOKENS + bytes(JSON.stringify(tool));
  }
  if (request.responseFormat?.type === "json") {
    tokens += REQUEST_OVERHEAD_TOKENS + bytes(JSON.stringify(request.responseFormat));
  }
  return tokens;
}
