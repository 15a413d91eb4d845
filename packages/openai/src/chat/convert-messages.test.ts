import { describe, expect, it } from "vitest";
import { convertToOpenAIMessages } from "./convert-messages.js";

describe("convertToOpenAIMessages", () => {
  it("converts a tool-using conversation", () => {
    const messages = convertToOpenAIMessages([
      { role: "system", content: "Be brief." },
      { role: "user", content: "Weather in Paris?" },
      {
        role: "assistant",
        content: "",
        toolCalls: [{ toolCallId: "call_1", toolName: "weather", input: '{"city":"Paris"}' }],
      },
      { role: "tool", toolCallId: "call_1", toolName: "weather", content: '{"c":21}', isError: false },
      { role: "assistant", content: "21°C." },
    ]);
    expect(messages).toEqual([
      { role: "system", content: "Be brief." },
      { role: "user", content: "Weather in Paris?" },
      {
        role: "assistant",
        content: null,
        tool_calls: [
          { id: "call_1", type: "function", function: { name: "weather", arguments: '{"city":"Paris"}' } },
        ],
      },
      { role: "tool", tool_call_id: "call_1", content: '{"c":21}' },
      { role: "assistant", content: "21°C." },
    ]);
  });

  it("keeps assistant text next to tool calls and can send system prompts as developer messages", () => {
    const messages = convertToOpenAIMessages(
      [
        { role: "system", content: "S" },
        {
          role: "assistant",
          content: "Let me check.",
          toolCalls: [{ toolCallId: "a", toolName: "t", input: "{}" }],
        },
      ],
      { systemRole: "developer" },
    );
    expect(messages[0]).toEqual({ role: "developer", content: "S" });
    expect(messages[1]).toMatchObject({ content: "Let me check." });
  });
});
