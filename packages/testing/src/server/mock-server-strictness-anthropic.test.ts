import type Anthropic from "@anthropic-ai/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sdkClients } from "../test-support/clients.js";
import { anthropicRejection, type Body, user } from "../test-support/strictness.js";
import { type MockServer, startMockServer } from "./mock-server.js";

let server: MockServer;
let anthropic: Anthropic;
beforeAll(async () => {
  server = await startMockServer();
  ({ anthropic } = sdkClients(server));
});
afterAll(() => server.close());

describe("Anthropic strictness: requests the Messages API rejects get its 400 body", () => {
  const base = { model: "claude-haiku-4-5", max_tokens: 64 };
  const use = { type: "tool_use", id: "toolu_1", name: "add", input: {} };
  const lookup = { name: "add", input_schema: { type: "object", properties: {} } };
  const cases: [string, Body, RegExp][] = [
    ["no max_tokens", { model: "claude-haiku-4-5", messages: [user] }, /^max_tokens: Field required$/],
    [
      "an unknown field",
      { ...base, messages: [user], maxTokens: 3 },
      /^maxTokens: Extra inputs are not permitted$/,
    ],
    [
      "a wrong type",
      { ...base, max_tokens: "64", messages: [user] },
      /^max_tokens: Input should be a valid integer$/,
    ],
    [
      "temperature above 1",
      { ...base, messages: [user], temperature: 1.5 },
      /^temperature: Input should be less than or equal to 1$/,
    ],
    ["no messages", { ...base, messages: [] }, /at least one message is required/],
    [
      "a tool role",
      { ...base, messages: [{ role: "tool", content: "x" }] },
      /^messages\.0\.role: Input should be/,
    ],
    [
      "an empty text block",
      { ...base, messages: [{ role: "user", content: [{ type: "text", text: "" }] }] },
      /text content blocks must be non-empty/,
    ],
    [
      "an empty assistant turn before the end",
      { ...base, messages: [user, { role: "assistant", content: "" }, user] },
      /^messages\.1: all messages must have non-empty content/,
    ],
    [
      "a tool_result answering nothing",
      {
        ...base,
        messages: [
          { role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_9", content: "1" }] },
        ],
      },
      /unexpected `tool_use_id` found in `tool_result` blocks: toolu_9/,
    ],
    [
      "a tool_use left unanswered",
      { ...base, messages: [user, { role: "assistant", content: [use] }, user] },
      /`tool_use` ids were found without `tool_result` blocks immediately after: toolu_1/,
    ],
    [
      "a tool without input_schema",
      { ...base, messages: [user], tools: [{ name: "add" }] },
      /^tools\.0\.custom\.input_schema: Field required$/,
    ],
    [
      "a tool schema that is not an object",
      { ...base, messages: [user], tools: [{ name: "add", input_schema: { type: "array" } }] },
      /input_schema\.type: Input should be 'object'/,
    ],
    [
      "duplicate tool names",
      { ...base, messages: [user], tools: [lookup, lookup] },
      /Tool names must be unique/,
    ],
    [
      "a tool_choice naming no tool",
      { ...base, messages: [user], tools: [lookup], tool_choice: { type: "tool", name: "nope" } },
      /not among the provided tools/,
    ],
    [
      "a thinking budget below 1024",
      { ...base, max_tokens: 4000, messages: [user], thinking: { type: "enabled", budget_tokens: 100 } },
      /greater than or equal to 1024/,
    ],
    [
      "a thinking budget above max_tokens",
      { ...base, max_tokens: 1500, messages: [user], thinking: { type: "enabled", budget_tokens: 2000 } },
      /`max_tokens` must be greater than `thinking.budget_tokens`/,
    ],
    [
      "thinking with a forced tool",
      {
        ...base,
        max_tokens: 4000,
        messages: [user],
        tools: [lookup],
        tool_choice: { type: "any" },
        thinking: { type: "enabled", budget_tokens: 1024 },
      },
      /Thinking may not be enabled when tool_choice forces tool use/,
    ],
    [
      "more than four cache breakpoints",
      {
        ...base,
        messages: [
          {
            role: "user",
            content: Array.from({ length: 5 }, (_, i) => ({
              type: "text",
              text: `p${i}`,
              cache_control: { type: "ephemeral" },
            })),
          },
        ],
      },
      /A maximum of 4 blocks with cache_control may be provided. Found 5/,
    ],
  ];
  for (const [name, body, message] of cases) {
    it(`rejects ${name}`, async () => {
      const error = await anthropicRejection(anthropic, body);
      expect(error).toMatchObject({ status: 400, type: "invalid_request_error" });
      expect(error.message).toMatch(message);
    });
  }

  it("accepts a tool round trip with a final assistant prefill", async () => {
    const reply = await anthropic.messages.create({
      ...base,
      tools: [lookup as Anthropic.Tool],
      messages: [
        { role: "user", content: "Add" },
        { role: "assistant", content: [use as Anthropic.ToolUseBlockParam] },
        { role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_1", content: "3" }] },
        { role: "assistant", content: "The sum is" },
      ],
    });
    expect(reply.type).toBe("message");
  });
});
