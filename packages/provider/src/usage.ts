import type { Usage } from "./response.js";

function addKnown(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a + b;
}

/** Usage with every count unknown. */
export const UNKNOWN_USAGE: Usage = Object.freeze({ inputTokens: undefined, outputTokens: undefined });

/** Sums two usages; a field stays `undefined` only when both sides are unknown. */
export function addUsage(a: Usage, b: Usage): Usage {
  return {
    inputTokens: addKnown(a.inputTokens, b.inputTokens),
    outputTokens: addKnown(a.outputTokens, b.outputTokens),
    cachedInputTokens: addKnown(a.cachedInputTokens, b.cachedInputTokens),
    cacheWriteInputTokens: addKnown(a.cacheWriteInputTokens, b.cacheWriteInputTokens),
    reasoningTokens: addKnown(a.reasoningTokens, b.reasoningTokens),
  };
}
