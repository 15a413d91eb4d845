import type OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rejectionOf, sdkClients } from "../test-support/clients.js";
import { call, itRejectsOpenAI, type OpenAICase, tool, user } from "../test-support/strictness.js";
import { type MockServer, startMockServer } from "./mock-server.js";

let server: MockServer;
let openai: OpenAI;
beforeAll(async () => {
  server = await startMockServer();
  ({ openai } = sdkClients(server));
});
afterAll(() => server.close());

describe("OpenAI strictness: parameters and messages api.openai.com rejects get its 400 body", () => {
  const cases: OpenAICase[] = [
    [
      "an unknown field",
      { model: "gpt-4o", messages: [user], max_token: 5 },
      { message: /^Unrecognized request argument supplied: max_token$/ },
    ],
    [
      "a wrong type",
      { model: "gpt-4o", messages: [user], temperature: "hot" },
      { message: /Invalid type for 'temperature'/, param: "temperature", code: "invalid_type" },
    ],
    [
      "no messages",
      { model: "gpt-4o" },
      { message: /Missing required parameter: 'messages'/, code: "missing_required_parameter" },
    ],
    ["empty messages", { model: "gpt-4o", messages: [] }, { message: /empty array/, code: "empty_array" }],
    [
      "max_tokens on an o-series model",
      { model: "o3-mini", messages: [user], max_tokens: 10 },
      { message: /Use 'max_completion_tokens' instead/, param: "max_tokens", code: "unsupported_parameter" },
    ],
    [
      "max_tokens on gpt-5",
      { model: "gpt-5-mini", messages: [user], max_tokens: 10 },
      { message: /max_completion_tokens/, code: "unsupported_parameter" },
    ],
    [
      "temperature on a reasoning model",
      { model: "gpt-5", messages: [user], temperature: 0.2 },
      { message: /Only the default \(1\) value is supported/, code: "unsupported_value" },
    ],
    [
      "temperature out of range",
      { model: "gpt-4o", messages: [user], temperature: 3 },
      { message: /Expected a value <= 2/, code: "decimal_above_max_value" },
    ],
    [
      "max_tokens below 1",
      { model: "gpt-4o", messages: [user], max_tokens: 0 },
      { message: /Expected a value >= 1/, code: "integer_below_min_value" },
    ],
    [
      "stream_options without stream",
      { model: "gpt-4o", messages: [user], stream_options: { include_usage: true } },
      { message: /only allowed when 'stream' is enabled/ },
    ],
    [
      "an unknown role",
      { model: "gpt-4o", messages: [{ role: "bot", content: "x" }] },
      { message: /Invalid value: 'bot'/, param: "messages[0].role" },
    ],
    [
      "a user message without content",
      { model: "gpt-4o", messages: [{ role: "user" }] },
      { message: /'messages\[0\].content'/ },
    ],
    [
      "a tool message answering nothing",
      { model: "gpt-4o", messages: [user, { role: "tool", tool_call_id: "x", content: "1" }] },
      { message: /must be a response to a preceeding message with 'tool_calls'/ },
    ],
    [
      "tool calls left unanswered",
      { model: "gpt-4o", messages: [user, { role: "assistant", content: null, tool_calls: [call] }, user] },
      { message: /did not have response messages: call_1/ },
    ],
  ];
  itRejectsOpenAI(() => openai, cases);

  it("accepts a well-formed conversation with a tool round trip", async () => {
    const reply = await openai.chat.completions.create({
      model: "gpt-4o",
      tools: [tool as OpenAI.ChatCompletionTool],
      messages: [
        { role: "developer", content: "Be exact." },
        { role: "user", content: [{ type: "text", text: "Add" }] },
        { role: "assistant", content: null, tool_calls: [call as OpenAI.ChatCompletionMessageToolCall] },
        { role: "tool", tool_call_id: "call_1", content: "3" },
      ],
    });
    expect(reply.choices[0]?.finish_reason).toBe("stop");
  });

  it("rejects compatible-server fields when configured as strict as OpenAI", async () => {
    const strict = await startMockServer({ openaiExtensionFields: [] });
    const error = await rejectionOf(
      sdkClients(strict).openai.chat.completions.create({
        model: "gpt-4o",
        messages: [user],
        guided_json: {},
      } as never),
    );
    await strict.close();
    expect((error as Error).message).toContain("Unrecognized request argument supplied: guided_json");
  });
});
