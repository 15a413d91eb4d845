import type { Usage } from "@weft/provider";

/** USD prices per million tokens. Unset cache prices fall back to the input price. */
export interface ModelPrice {
  readonly inputPerMTok: number;
  readonly outputPerMTok: number;
  /** Input tokens read from the provider's prompt cache. Default: `inputPerMTok`. */
  readonly cachedInputPerMTok?: number;
  /** Input tokens written to the prompt cache (Anthropic charges a premium). Default: `inputPerMTok`. */
  readonly cacheWritePerMTok?: number;
}

// Prices are per million tokens; dividing (not multiplying by 1e-6) keeps exact binary fractions exact.
const MILLION = 1_000_000;

/**
 * The cost in USD of a call's actual usage, or `undefined` when the price or the input/output counts are unknown
 * (never a made-up 0).
 *
 * `usage.inputTokens` includes cached reads and cache writes (the normalized usage record), so only the rest is
 * billed at the input price; `outputTokens` includes reasoning tokens, billed once at the output price.
 */
export function costOf(usage: Usage, price: ModelPrice | undefined): number | undefined {
  if (price === undefined || usage.inputTokens === undefined || usage.outputTokens === undefined) {
    return undefined;
  }
  const cached = usage.cachedInputTokens ?? 0;
  const written = usage.cacheWriteInputTokens ?? 0;
  const uncached = Math.max(0, usage.inputTokens - cached - written);
  const cost =
    uncached * price.inputPerMTok +
    cached * (price.cachedInputPerMTok ?? price.inputPerMTok) +
    written * (price.cacheWritePerMTok ?? price.inputPerMTok) +
    usage.outputTokens * price.outputPerMTok;
  return cost / MILLION;
}

/**
 * An upper bound in USD for a call of at most `inputTokens` in and `outputTokens` out: every input token at the
 * dearest input rate (a cache write can cost more than a plain input token), every output token at the output
 * rate. `undefined` when the price is unknown.
 */
export function worstCaseCost(
  inputTokens: number,
  outputTokens: number,
  price: ModelPrice | undefined,
): number | undefined {
  if (price === undefined) return undefined;
  const inputRate = Math.max(price.inputPerMTok, price.cachedInputPerMTok ?? 0, price.cacheWritePerMTok ?? 0);
  return (inputTokens * inputRate + outputTokens * price.outputPerMTok) / MILLION;
}
