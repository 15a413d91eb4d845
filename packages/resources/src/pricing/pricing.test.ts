import { describe, expect, it } from "vitest";
import { findPrice } from "./find-price.js";
import { costOf, worstCaseCost } from "./model-price.js";
import { BUILTIN_PRICES } from "./price-table.js";

describe("costOf", () => {
  const price = { inputPerMTok: 2, cachedInputPerMTok: 0.5, cacheWritePerMTok: 2.5, outputPerMTok: 8 };

  it("bills cached input at the cached rate and the rest at the input rate", () => {
    // 1,000 input of which 400 cached: 600 x 2 + 400 x 0.5 + 100 x 8 = 1,200 + 200 + 800 per million.
    const cost = costOf({ inputTokens: 1_000, cachedInputTokens: 400, outputTokens: 100 }, price);
    expect(cost).toBeCloseTo(2_200 / 1e6, 15);
  });

  it("bills cache writes at the write rate and never double-counts them as input", () => {
    const cost = costOf({ inputTokens: 1_000, cacheWriteInputTokens: 1_000, outputTokens: 0 }, price);
    expect(cost).toBeCloseTo(2_500 / 1e6, 15);
  });

  it("bills reasoning tokens once, as the output tokens that include them", () => {
    const usage = { inputTokens: 10, outputTokens: 500, reasoningTokens: 450 };
    expect(costOf(usage, price)).toBeCloseTo((10 * 2 + 500 * 8) / 1e6, 15);
  });

  it("falls back to the input price for unset cache prices", () => {
    const plain = { inputPerMTok: 1, outputPerMTok: 1 };
    expect(costOf({ inputTokens: 100, cachedInputTokens: 100, outputTokens: 0 }, plain)).toBeCloseTo(
      1e-4,
      15,
    );
  });

  it("is undefined, never 0, when the price or the counts are unknown", () => {
    expect(costOf({ inputTokens: 1, outputTokens: 1 }, undefined)).toBeUndefined();
    expect(costOf({ inputTokens: 1, outputTokens: undefined }, price)).toBeUndefined();
  });

  it("bounds the worst case with the dearest input rate", () => {
    expect(worstCaseCost(1_000, 100, price)).toBeCloseTo((1_000 * 2.5 + 100 * 8) / 1e6, 15);
    expect(worstCaseCost(1, 1, undefined)).toBeUndefined();
  });
});

describe("findPrice", () => {
  it("finds built-in rows, dated snapshots and -latest aliases", () => {
    expect(findPrice("gpt-4o-mini")).toMatchObject({ inputPerMTok: 0.15, outputPerMTok: 0.6 });
    expect(findPrice("gpt-4o-2024-08-06")).toBe(BUILTIN_PRICES["gpt-4o"]);
    expect(findPrice("claude-sonnet-4-20250514")).toBe(BUILTIN_PRICES["claude-sonnet-4"]);
    expect(findPrice("claude-3-5-haiku-latest")).toBe(BUILTIN_PRICES["claude-3-5-haiku"]);
  });

  it("prefers overrides and knows nothing of unknown models or object keys", () => {
    const override = { inputPerMTok: 9, outputPerMTok: 9 };
    expect(findPrice("gpt-4o-2024-08-06", { "gpt-4o": override })).toBe(override);
    expect(findPrice("my-finetune")).toBeUndefined();
    expect(findPrice("gpt-4o-audio-preview")).toBeUndefined();
    expect(findPrice("constructor")).toBeUndefined();
  });

  it("cites a source and a date on every row", () => {
    for (const row of Object.values(BUILTIN_PRICES)) {
      expect(row.source).toMatch(/^https:\/\//);
      expect(row.asOf).toMatch(/^\d{4}-\d{2}$/);
      expect(row.outputPerMTok).toBeGreaterThanOrEqual(row.inputPerMTok);
    }
  });
});
