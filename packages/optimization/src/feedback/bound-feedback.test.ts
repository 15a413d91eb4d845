import { describe, expect, it } from "vitest";
import { boundFeedback } from "./bound-feedback.js";

describe("boundFeedback", () => {
  it("merges duplicates (case, spacing, punctuation) and says how often they were reported", async () => {
    const bounded = await boundFeedback(["Be brief.", "  be BRIEF ", "Cite sources", "", "be brief!"]);
    expect(bounded.items).toEqual(["Be brief. (reported 3 times)", "Cite sources"]);
    expect([bounded.received, bounded.merged, bounded.dropped]).toEqual([5, 2, 0]);
  });

  it("cuts long items to maxItemTokens", async () => {
    const bounded = await boundFeedback(["x".repeat(100)], { maxItemTokens: 5 });
    expect(bounded.items).toEqual([`${"x".repeat(20)}...`]);
  });

  it("summarises chunks with the aggregator until the items fit", async () => {
    const seen: string[][] = [];
    const items = Array.from({ length: 40 }, (_, i) => `distinct point number ${i}`);
    const bounded = await boundFeedback(items, { maxItems: 5 }, async (chunk) => {
      seen.push([...chunk]);
      return `summary of ${chunk.length}`;
    });
    expect(bounded.items.length).toBeLessThanOrEqual(5);
    expect(bounded.aggregated).toBe(40);
    expect(seen.flat()).toEqual(items);
  });

  it("without an aggregator keeps the most reported items within the token budget, in first-seen order", async () => {
    const items = ["rare one", "common", "rare two", "common", "common", "middle", "middle"];
    const bounded = await boundFeedback(items, { maxItems: 2 });
    expect(bounded.items).toEqual(["common (reported 3 times)", "middle (reported 2 times)"]);
    expect(bounded.dropped).toBe(2);
    const byTokens = await boundFeedback(["a".repeat(40), "b".repeat(40), "c".repeat(40)], { maxTokens: 20 });
    expect(byTokens.items).toEqual(["a".repeat(40), "b".repeat(40)]);
  });

  it("a prompt built from 10,000 items stays within the budget", async () => {
    const items = Array.from({ length: 10_000 }, (_, i) => `sample ${i}: the answer missed unit ${i % 97}`);
    const bounded = await boundFeedback(items, { maxItems: 16, maxTokens: 2_000 });
    expect(bounded.items.length).toBeLessThanOrEqual(16);
    expect(bounded.items.join("").length).toBeLessThanOrEqual(8_000);
  });
});
