import type { Usage } from "@weft/provider";

/** The usage object of a message, or of a `message_start` / `message_delta` event. */
export interface AnthropicUsage {
  readonly input_tokens?: number | null;
  readonly output_tokens?: number | null;
  readonly cache_read_input_tokens?: number | null;
  readonly cache_creation_input_tokens?: number | null;
  readonly output_tokens_details?: { readonly thinking_tokens?: number | null } | null;
}

const known = (value: number | null | undefined): number | undefined =>
  typeof value === "number" && Number.isFinite(value) ? value : undefined;

/** Later fields win where they are known (a `message_delta` over its `message_start`). */
export function mergeAnthropicUsage(
  base: AnthropicUsage | undefined,
  update: AnthropicUsage | undefined,
): AnthropicUsage | undefined {
  if (!base) return update;
  if (!update) return base;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(update))
    if (value !== null && value !== undefined) merged[key] = value;
  return merged as AnthropicUsage;
}

/**
 * Converts Anthropic usage to weft's. Anthropic's `input_tokens` excludes cache reads and writes, while
 * weft's `inputTokens` includes them, so the three are summed; cache reads and writes are also reported
 * on their own. Thinking tokens are reasoning tokens (already inside `output_tokens`).
 */
export function convertAnthropicUsage(usage: AnthropicUsage | undefined): Usage {
  const input = known(usage?.input_tokens);
  const cacheRead = known(usage?.cache_read_input_tokens);
  const cacheWrite = known(usage?.cache_creation_input_tokens);
  return {
    inputTokens: input === undefined ? undefined : input + (cacheRead ?? 0) + (cacheWrite ?? 0),
    outputTokens: known(usage?.output_tokens),
    cachedInputTokens: cacheRead,
    cacheWriteInputTokens: cacheWrite,
    reasoningTokens: known(usage?.output_tokens_details?.thinking_tokens),
  };
}
