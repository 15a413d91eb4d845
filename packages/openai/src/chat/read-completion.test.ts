import { describe, expect, it } from "vitest";
import { readCompletion } from "./read-completion.js";
import { planStructuredOutput } from "./structured-output.js";

const plan = planStructuredOutput({
  format: undefined,
  strategy: "json-schema",
  strictJsonSchema: true,
  messages: [],
  tools: undefined,
  toolChoice: undefined,
});

describe("readCompletion", () => {
  it("reads text, tool calls and reasoning_content", () => {
    const answer = readCompletion(
      {
        choices: [
          {
            message: {
              content: "Let me add.",
              reasoning_content: "User wants a sum.",
              tool_calls: [
                { id: "call_1", type: "function", function: { name: "add", arguments: '{"a":1}' } },
              ],
            },
            finish_reason: "tool_calls",
          },
        ],
      },
      plan,
      "openai.chat",
    );
    expect(answer).toEqual({
      text: "Let me add.",
      toolCalls: [{ toolCallId: "call_1", toolName: "add", input: '{"a":1}' }],
      reasoning: "User wants a sum.",
      finishReason: { unified: "tool-calls", raw: "tool_calls" },
    });
  });

  it("reports a refusal as content-filter with the refusal as text", () => {
    const answer = readCompletion(
      {
        choices: [{ message: { content: null, refusal: "I can't help with that." }, finish_reason: "stop" }],
      },
      plan,
      "openai.chat",
    );
    expect(answer).toMatchObject({
      text: "I can't help with that.",
      finishReason: { unified: "content-filter", raw: "stop" },
    });
  });

  it("rejects a body without choices as transient", () => {
    expect(() => readCompletion({ choices: [] }, plan, "openai.chat")).toThrowError(
      expect.objectContaining({ kind: "transient" }),
    );
  });
});
