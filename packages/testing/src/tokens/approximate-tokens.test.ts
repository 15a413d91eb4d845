import { describe, expect, it } from "vitest";
import { countMessageTokens, countTokens, MESSAGE_OVERHEAD_TOKENS } from "./approximate-tokens.js";

describe("countTokens", () => {
  it("counts words, long words by four letters, digits by three and symbols one each", () => {
    expect(countTokens("")).toBe(0);
    expect(countTokens("hello world")).toBe(4);
    expect(countTokens("a, b!")).toBe(4);
    expect(countTokens("12345")).toBe(2);
  });

  it("is deterministic and grows with the text", () => {
    const text = "The quick brown fox jumps over the lazy dog.";
    expect(countTokens(text)).toBe(countTokens(text));
    expect(countTokens(`${text} ${text}`)).toBe(2 * countTokens(text));
  });
});

describe("countMessageTokens", () => {
  it("adds a per-message overhead and counts tool calls", () => {
    const tokens = countMessageTokens([
      { role: "user", content: "hi" },
      {
        role: "assistant",
        content: "",
        toolCalls: [{ toolCallId: "c1", toolName: "add", input: '{"a":1}' }],
      },
    ]);
    expect(tokens).toBe(2 * MESSAGE_OVERHEAD_TOKENS + 1 + 1 + countTokens('{"a":1}'));
  });
});
