import { describe, expect, it } from "vitest";
import { convertToAnthropicMessages } from "./convert-messages.js";

describe("convertToAnthropicMessages", () => {
  it("lifts system messages out and turns tool results into user tool_result blocks", () => {
    const prompt = convertToAnthropicMessages([
      { role: "system", content: "Be brief." },
      { role: "user", content: "Weather in Paris and Rome?" },
      {
        role: "assistant",
        content: "Checking.",
        toolCalls: [
          { toolCallId: "toolu_1", toolName: "weather", input: '{"city":"Paris"}' },
          { toolCallId: "toolu_2", toolName: "weather", input: '{"city":"Rome"}' },
        ],
      },
      { role: "tool", toolCallId: "toolu_1", toolName: "weather", content: "21" },
      { role: "tool", toolCallId: "toolu_2", toolName: "weather", content: "timeout", isError: true },
      { role: "system", content: "Use Celsius." },
    ]);
    expect(prompt.system).toBe("Be brief.\n\nUse Celsius.");
    expect(prompt.messages).toEqual([
      { role: "user", content: [{ type: "text", text: "Weather in Paris and Rome?" }] },
      {
        role: "assistant",
        content: [
          { type: "text", text: "Checking." },
          { type: "tool_use", id: "toolu_1", name: "weather", input: { city: "Paris" } },
          { type: "tool_use", id: "toolu_2", name: "weather", input: { city: "Rome" } },
        ],
      },
      {
        role: "user",
        content: [
          { type: "tool_result", tool_use_id: "toolu_1", content: "21" },
          { type: "tool_result", tool_use_id: "toolu_2", content: "timeout", is_error: true },
        ],
      },
    ]);
  });

  it("merges consecutive turns of one role and has no system field without system messages", () => {
    const prompt = convertToAnthropicMessages([
      { role: "user", content: "a" },
      { role: "user", content: "b" },
    ]);
    expect(prompt.system).toBeUndefined();
    expect(prompt.messages).toEqual([
      {
        role: "user",
        content: [
          { type: "text", text: "a" },
          { type: "text", text: "b" },
        ],
      },
    ]);
  });

  it("rejects tool call input that is not a JSON object as invalid_request", () => {
    expect(() =>
      convertToAnthropicMessages([
        { role: "assistant", content: "", toolCalls: [{ toolCallId: "t", toolName: "x", input: "[1]" }] },
      ]),
    ).toThrowError(expect.objectContaining({ kind: "invalid_request" }));
  });
});
