import type { Message } from "@weft/provider";

// Words, numbers (up to three digits per token, like BPE vocabularies) and single symbols. Long words
// cost one token per four letters, which keeps English text near the usual 0.75 words per token.
const PIECE = /[A-Za-z]+|\d{1,3}|[^\sA-Za-z\d]/g;

/**
 * An approximate token count for `text`: deterministic, monotone in the text's length and close enough
 * to a real BPE tokenizer for budgets and rate limits in tests. The mock model and the mock server both
 * count with it, so their usage figures agree.
 */
export function countTokens(text: string): number {
  let tokens = 0;
  for (const match of text.matchAll(PIECE)) tokens += Math.ceil(match[0].length / 4);
  return tokens;
}

/** Tokens a chat message costs beyond its content (role and separators), as OpenAI documents it. */
export const MESSAGE_OVERHEAD_TOKENS = 4;

/** Approximate input tokens of a conversation: each message's content plus a fixed overhead per message. */
export function countMessageTokens(messages: readonly Message[]): number {
  let tokens = 0;
  for (const message of messages) {
    tokens += MESSAGE_OVERHEAD_TOKENS + countTokens(message.content);
    if (message.role === "assistant") {
      for (const call of message.toolCalls ?? [])
        tokens += countTokens(call.toolName) + countTokens(call.input);
    }
  }
  return tokens;
}
