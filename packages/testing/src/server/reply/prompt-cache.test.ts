import { describe, expect, it } from "vitest";
import type { PromptSegment } from "./chat-request.js";
import { PromptCache } from "./prompt-cache.js";

const segment = (key: string, tokens: number, breakpoint = false): PromptSegment => ({
  key,
  tokens,
  breakpoint,
});

describe("PromptCache", () => {
  it("serves repeated prefixes above the minimum, rounded to the granularity (OpenAI style)", () => {
    const cache = new PromptCache({ minTokens: 1024, granularity: 128 });
    expect(cache.use([segment("sys", 1500), segment("q1", 10)], false)).toEqual({
      readTokens: 0,
      writeTokens: 0,
    });
    expect(cache.use([segment("sys", 1500), segment("q2", 10)], false)).toEqual({
      readTokens: 1408,
      writeTokens: 0,
    });
    expect(cache.use([segment("short", 100)], false).readTokens).toBe(0);
  });

  it("caches only at breakpoints and reports writes (Anthropic style)", () => {
    const cache = new PromptCache({ minTokens: 1024 });
    const prompt = (tail: string) => [segment("tools", 600), segment("sys", 600, true), segment(tail, 20)];
    expect(cache.use(prompt("a"), true)).toEqual({ readTokens: 0, writeTokens: 1200 });
    expect(cache.use(prompt("b"), true)).toEqual({ readTokens: 1200, writeTokens: 0 });
    cache.clear();
    expect(cache.use(prompt("b"), true)).toEqual({ readTokens: 0, writeTokens: 1200 });
  });
});
