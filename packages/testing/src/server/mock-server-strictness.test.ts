import type Anthropic from "@anthropic-ai/sdk";
import type OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rejectionOf, sdkClients } from "../test-support/clients.js";
import { type MockServer, startMockServer } from "./mock-server.js";

let server: MockServer;
let openai: OpenAI;
let anthropic: Anthropic;
beforeAll(async () => {
  server = await startMockServer();
  ({ openai, anthropic } = sdkClients(server));
});
afterAll(() => server.close());

type Body = Record<string, unknown>;
const user = { role: "user", content: "Hi" };
const tool = {
  type: "function",
  function: { name: "add", parameters: { type: "object", properties: { a: { type: "number" } } } },
};
const call = { id: "call_1", type: "function", function: { name: "add", arguments: "{}" } };

async function openaiError(
  body: Body,
): Promise<{ status: number; message: string; param?: string | null; code?: string | null }> {
  const error = (await rejectionOf(openai.chat.completions.create(body as never))) as InstanceType<
    typeof OpenAI.APIError
  >;
  const inner = error.error as { message: string; param?: string | null; code?: string | null };
  return { status: error.status as number, message: inner.message, param: inner.param, code: inner.code };
}

describe("OpenAI strictness: requests api.openai.com rejects get its 400 body", () => {
  const cases: [string, Body, { message: RegExp; param?: string | null; code?: string | null }][] = [
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
    [
      "tool_choice without tools",
      { model: "gpt-4o", messages: [user], tool_choice: "required" },
      { message: /only allowed when 'tools' are specified/ },
    ],
    [
      "a tool_choice naming no tool",
      {
        model: "gpt-4o",
        messages: [user],
        tools: [tool],
        tool_choice: { type: "function", function: { name: "nope" } },
      },
      { message: /not found in 'tools'/ },
    ],
    [
      "an invalid tool name",
      { model: "gpt-4o", messages: [user], tools: [{ type: "function", function: { name: "add numbers" } }] },
      { message: /does not match pattern/ },
    ],
    [
      "a json_schema without a name",
      {
        model: "gpt-4o",
        messages: [user],
        response_format: { type: "json_schema", json_schema: { schema: {} } },
      },
      { message: /'response_format.json_schema.name'/ },
    ],
    [
      "a strict schema allowing extra properties",
      {
        model: "gpt-4o",
        messages: [user],
        response_format: {
          type: "json_schema",
          json_schema: {
            name: "r",
            strict: true,
            schema: { type: "object", properties: { a: { type: "string" } }, required: ["a"] },
          },
        },
      },
      {
        message: /'additionalProperties' is required to be supplied and to be false/,
        code: "invalid_json_schema",
      },
    ],
    [
      "a strict schema with an optional property",
      {
        model: "gpt-4o",
        messages: [user],
        response_format: {
          type: "json_schema",
          json_schema: {
            name: "r",
            strict: true,
            schema: {
              type: "object",
              additionalProperties: false,
              properties: {
                a: {
                  type: "object",
                  additionalProperties: false,
                  properties: { b: { type: "string" } },
                  required: [],
                },
              },
              required: ["a"],
            },
          },
        },
      },
      { message: /In context=\('properties', 'a'\), 'required' .* Missing 'b'/ },
    ],
    [
      "a strict function schema",
      {
        model: "gpt-4o",
        messages: [user],
        tools: [{ ...tool, function: { ...tool.function, strict: true } }],
      },
      { message: /Invalid schema for function 'add'/, code: "invalid_function_parameters" },
    ],
  ];
  for (const [name, body, expected] of cases) {
    it(`rejects ${name}`, async () => {
      const error = await openaiError(body);
      expect(error.status).toBe(400);
      expect(error.message).toMatch(expected.message);
      if (expected.param !== undefined) expect(error.param).toBe(expected.param);
      if (expected.code !== undefined) expect(error.code).toBe(expected.code);
    });
  }

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

async function anthropicError(
  body: Body,
): Promise<{ status: number; type: string | null; message: string | null }> {
  const error = (await rejectionOf(anthropic.messages.create(body as never))) as InstanceType<
    typeof Anthropic.APIError
  >;
  return { status: error.status as number, type: error.type, message: error.apiMessage };
}

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
      const error = await anthropicError(body);
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

describe("HTTP-level strictness", () => {
  const post = (path: string, body: string, headers: Record<string, string>) =>
    fetch(`${server.url}${path}`, {
      method: "POST",
      body,
      headers: { "content-type": "application/json", ...headers },
    });

  it("answers 401 without an API key, in each protocol's shape", async () => {
    const openaiReply = await post(
      "/v1/chat/completions",
      JSON.stringify({ model: "gpt-4o", messages: [user] }),
      {},
    );
    expect(openaiReply.status).toBe(401);
    expect(((await openaiReply.json()) as { error: { message: string } }).error.message).toMatch(
      /didn't provide an API key/,
    );
    const anthropicReply = await post(
      "/v1/messages",
      JSON.stringify({ model: "c", max_tokens: 5, messages: [user] }),
      { "anthropic-version": "2023-06-01" },
    );
    expect(anthropicReply.status).toBe(401);
    expect(await anthropicReply.json()).toMatchObject({
      type: "error",
      error: { type: "authentication_error" },
    });
  });

  it("requires anthropic-version, rejects bodies that are not JSON, and 404s unknown routes", async () => {
    const noVersion = await post(
      "/v1/messages",
      JSON.stringify({ model: "c", max_tokens: 5, messages: [user] }),
      { "x-api-key": "k" },
    );
    expect(noVersion.status).toBe(400);
    expect(await noVersion.json()).toMatchObject({
      error: { message: "anthropic-version: header is required" },
    });
    const notJson = await post("/v1/chat/completions", "{nope", { authorization: "Bearer k" });
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { error: { message: string } }).error.message).toMatch(
      /could not parse the JSON body/,
    );
    const unknown = await post("/v1/completions", "{}", { authorization: "Bearer k" });
    expect(unknown.status).toBe(404);
    const wrongMethod = await fetch(`${server.openaiBaseURL}/chat/completions`);
    expect(wrongMethod.status).toBe(404);
  });
});
