import { describe, expect, it } from "vitest";
import { addUsage, UNKNOWN_USAGE } from "./usage.js";

describe("addUsage", () => {
  it("keeps unknown as undefined and never invents zeros", () => {
    expect(addUsage(UNKNOWN_USAGE, UNKNOWN_USAGE).inputTokens).toBeUndefined();
    const sum = addUsage({ inputTokens: 3, outputTokens: undefined }, { inputTokens: 4, outputTokens: 5 });
    expect(sum).toMatchObject({ inputTokens: 7, outputTokens: 5, reasoningTokens: undefined });
  });
});
