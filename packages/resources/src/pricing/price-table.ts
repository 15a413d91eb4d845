import type { ModelPrice } from "./model-price.js";

/** A row of the built-in price table: the prices and where they were read. */
export interface PriceTableRow extends ModelPrice {
  /** The public page the prices come from. */
  readonly source: string;
  /** When the prices were written down (YYYY-MM). */
  readonly asOf: string;
  /**
   * Whether someone compared the row with `source` on `asOf`. Every built-in row is `false`: written by hand
   * and needing a price check (see {@link PRICE_TABLE_NOTICE}) before a bill relies on it.
   */
  readonly verified: boolean;
}

/**
 * A warning that travels with the table: list prices change, and these were written from the vendors' public
 * pages as known on `asOf`, not fetched live. Check them against the source before trusting a bill, and override
 * any of them in the resource config (`pricing`).
 */
export const PRICE_TABLE_NOTICE =
  "Built-in prices are standard-tier list prices per million tokens, written by hand from the sources on the " +
  "date given; they must be checked against the source before they are relied on, and can be overridden in the " +
  "resource config. Batch, priority, regional and long-context (>200k input) tiers are not modelled.";

const OPENAI = "https://openai.com/api/pricing/";
const ANTHROPIC = "https://docs.anthropic.com/en/docs/about-claude/pricing";
const AS_OF = "2025-11";
// Rows added for models the repository names that the first table lacked.
const ADDED = "2026-11";

function openai(input: number, cached: number | undefined, output: number, asOf = AS_OF): PriceTableRow {
  const row = { inputPerMTok: input, outputPerMTok: output, source: OPENAI, asOf, verified: false };
  return cached === undefined ? row : { ...row, cachedInputPerMTok: cached };
}

// Anthropic: cache reads cost 0.1x the input price, 5-minute cache writes 1.25x.
function anthropic(input: number, output: number, asOf = AS_OF): PriceTableRow {
  return {
    inputPerMTok: input,
    cachedInputPerMTok: round(input * 0.1),
    cacheWritePerMTok: round(input * 1.25),
    outputPerMTok: output,
    source: ANTHROPIC,
    asOf,
    verified: false,
  };
}

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/**
 * Built-in USD list prices per million tokens for current OpenAI and Anthropic models, keyed by model id.
 * Dated snapshots (`gpt-4o-2024-08-06`, `claude-sonnet-4-20250514`) and `-latest` aliases resolve to their base
 * row (see `findPrice`). See {@link PRICE_TABLE_NOTICE}: these must be checked before they are relied on.
 */
export const BUILTIN_PRICES: Readonly<Record<string, PriceTableRow>> = Object.freeze({
  "gpt-5": openai(1.25, 0.125, 10),
  "gpt-5-mini": openai(0.25, 0.025, 2),
  "gpt-5-nano": openai(0.05, 0.005, 0.4),
  "gpt-5-chat": openai(1.25, 0.125, 10, ADDED),
  "gpt-4.1": openai(2, 0.5, 8),
  "gpt-4.1-mini": openai(0.4, 0.1, 1.6),
  "gpt-4.1-nano": openai(0.1, 0.025, 0.4),
  "gpt-4o": openai(2.5, 1.25, 10),
  "gpt-4o-mini": openai(0.15, 0.075, 0.6),
  o1: openai(15, 7.5, 60),
  o3: openai(2, 0.5, 8),
  "o3-mini": openai(1.1, 0.55, 4.4),
  "o4-mini": openai(1.1, 0.275, 4.4),
  "gpt-4-turbo": openai(10, undefined, 30),
  "gpt-3.5-turbo": openai(0.5, undefined, 1.5),
  "claude-opus-4-6": anthropic(5, 25, ADDED),
  "claude-opus-4-5": anthropic(5, 25),
  "claude-opus-4-1": anthropic(15, 75),
  "claude-opus-4-0": anthropic(15, 75),
  "claude-opus-4": anthropic(15, 75),
  "claude-sonnet-4-6": anthropic(3, 15, ADDED),
  "claude-sonnet-4-5": anthropic(3, 15),
  "claude-sonnet-4-0": anthropic(3, 15),
  "claude-sonnet-4": anthropic(3, 15),
  "claude-3-7-sonnet": anthropic(3, 15),
  "claude-haiku-4-5": anthropic(1, 5),
  "claude-3-5-haiku": anthropic(0.8, 4),
  "claude-3-haiku": anthropic(0.25, 1.25),
  "claude-3-opus": anthropic(15, 75, ADDED),
});
