import type { ModelCapabilities } from "@weft/provider";

/**
 * Reasoning models (o1, o3, o4-mini, gpt-5 and their snapshots) take `max_completion_tokens`
 * instead of `max_tokens`, a `developer` message instead of `system`, and reject sampling settings.
 */
export function isOpenAIReasoningModel(modelId: string): boolean {
  return /^(o\d|gpt-5)/.test(modelId) && !modelId.startsWith("gpt-5-chat");
}

/** Known limits: [model id prefix, context window, max output tokens]; the first matching prefix wins. */
const LIMITS: readonly (readonly [string, number, number])[] = [
  ["gpt-5-chat", 128_000, 16_384],
  ["gpt-5", 400_000, 128_000],
  ["gpt-4.1", 1_047_576, 32_768],
  ["gpt-4o", 128_000, 16_384],
  ["o4-mini", 200_000, 100_000],
  ["o3", 200_000, 100_000],
  ["o1", 200_000, 100_000],
  ["gpt-3.5-turbo", 16_385, 4_096],
];

/** Models that predate structured outputs: JSON mode only. */
const JSON_MODE_ONLY = /^(gpt-3\.5|gpt-4(-turbo|-\d{4}|$))/;

/** What an OpenAI model can do, by model id. Unknown ids get the capabilities of current models. */
export function openAIModelCapabilities(modelId: string): ModelCapabilities {
  const limits = LIMITS.find(([prefix]) => modelId.startsWith(prefix));
  return {
    structuredOutput: JSON_MODE_ONLY.test(modelId) ? "json-mode" : "json-schema",
    tools: true,
    streaming: true,
    streamingUsage: true,
    ...(limits ? { contextWindow: limits[1], maxOutputTokens: limits[2] } : {}),
  };
}
