import type { ModelCapabilities, StructuredOutputStrategy } from "@weft/provider";

/** Known output limits by model id prefix; the first match wins. */
const MAX_OUTPUT: readonly (readonly [string, number])[] = [
  ["claude-3-haiku", 4_096],
  ["claude-3-opus", 4_096],
  ["claude-3-5-", 8_192],
  ["claude-3-7-sonnet", 64_000],
  ["claude-opus-4-5", 64_000],
  ["claude-opus-4-1", 32_000],
  ["claude-opus-4", 32_000],
  ["claude-sonnet-4", 64_000],
  ["claude-haiku-4-5", 64_000],
];

/**
 * Whether the model takes native structured outputs (`output_config.format`): Claude 4.5 and later
 * generations, and Opus 4.1. Older models answer in a schema through a forced tool call.
 */
export function supportsNativeStructuredOutput(modelId: string): boolean {
  const match = /^claude-([a-z]+)-(\d+)(?:-(\d{1,2}))?(?:-|$)/.exec(modelId);
  if (!match) return false;
  const family = match[1] as string;
  const major = Number(match[2]);
  const minor = Number(match[3] ?? 0);
  return major >= 5 || (major === 4 && (minor >= 5 || (family === "opus" && minor >= 1)));
}

/**
 * What an Anthropic model can do, by id. `structuredOutput` is `json-schema` where native structured
 * outputs exist and `tool-call` elsewhere, unless `strategy` overrides it.
 */
export function anthropicModelCapabilities(
  modelId: string,
  strategy?: StructuredOutputStrategy,
): ModelCapabilities {
  const maxOutput = MAX_OUTPUT.find(([prefix]) => modelId.startsWith(prefix))?.[1];
  return {
    structuredOutput: strategy ?? (supportsNativeStructuredOutput(modelId) ? "json-schema" : "tool-call"),
    tools: true,
    streaming: true,
    streamingUsage: true,
    ...(maxOutput === undefined ? {} : { maxOutputTokens: maxOutput }),
    ...(modelId.startsWith("claude-") ? { contextWindow: 200_000 } : {}),
  };
}
