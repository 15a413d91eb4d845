import { UNKNOWN_USAGE, type Usage } from "@weft/provider";

/** The usage object of a chat completion (or of the final chunk of a stream). */
export interface OpenAIUsage {
  readonly prompt_tokens?: number | null;
  readonly completion_tokens?: number | null;
  readonly prompt_tokens_details?: { readonly cached_tokens?: number | null } | null;
  readonly completion_tokens_details?: { readonly reasoning_tokens?: number | null } | null;
}

const known = (value: number | null | undefined): number | undefined =>
  typeof value === "number" && Number.isFinite(value) ? value : undefined;

/**
 * Converts chat-completions usage. `prompt_tokens` already includes cached tokens and
 * `completion_tokens` includes reasoning tokens, matching weft's {@link Usage}. Unreported counts
 * stay undefined; missing usage (a server that ignores `stream_options`) is all-undefined.
 */
export function convertOpenAIUsage(usage: OpenAIUsage | null | undefined): Usage {
  if (!usage) return UNKNOWN_USAGE;
  return {
    inputTokens: known(usage.prompt_tokens),
    outputTokens: known(usage.completion_tokens),
    cachedInputTokens: known(usage.prompt_tokens_details?.cached_tokens),
    reasoningTokens: known(usage.completion_tokens_details?.reasoning_tokens),
  };
}
