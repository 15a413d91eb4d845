import type OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SCHEMA_FIXTURES } from "../schema/schema-fixtures.js";
import { ajvErrors } from "../test-support/ajv.js";
import { sdkClients } from "../test-support/clients.js";
import { type MockServer, startMockServer } from "./mock-server.js";

let server: MockServer;
let openai: OpenAI;
const messages = [{ role: "user" as const, content: "What is weft?" }];
const weatherTool = {
  type: "function" as const,
  function: {
    name: "get_weather",
    parameters: {
      type: "object",
      properties: {
        city: { type: "string" },
        unit: { type: "string", enum: ["c", "f"] },
        days: { type: "integer", minimum: 1, maximum: 7 },
      },
      required: ["city", "unit"],
    },
  },
};

beforeAll(async () => {
  server = await startMockServer({ seed: 7 });
  openai = sdkClients(server).openai;
});
afterAll(() => server.close());
beforeEach(() => server.reset());

describe("mock server, OpenAI chat completions", () => {
  it("answers JSON with text, usage counted and rate-limit headers", async () => {
    const { data, response } = await openai.chat.completions
      .create({ model: "gpt-4o", messages })
      .withResponse();
    const choice = data.choices[0];
    expect(choice?.message.content).toMatch(/\w+/);
    expect(choice?.finish_reason).toBe("stop");
    expect(data.usage?.prompt_tokens).toBeGreaterThan(0);
    expect(data.usage?.total_tokens).toBe(
      (data.usage?.prompt_tokens ?? 0) + (data.usage?.completion_tokens ?? 0),
    );
    expect(response.headers.get("x-ratelimit-limit-requests")).toBe("10000");
    expect(response.headers.get("x-ratelimit-remaining-requests")).toBe("9999");
    expect(response.headers.get("x-request-id")).toMatch(/^req_/);
    expect(server.requests[0]).toMatchObject({
      path: "/v1/chat/completions",
      protocol: "openai",
      status: 200,
      outcome: "completed",
    });
  });

  it("is deterministic: same request and seed, same reply; another seed, another reply", async () => {
    const first = await openai.chat.completions.create({ model: "gpt-4o", messages });
    const again = await openai.chat.completions.create({ model: "gpt-4o", messages });
    expect(again.choices[0]?.message.content).toBe(first.choices[0]?.message.content);
    const other = await startMockServer({ seed: 8 });
    const otherReply = await sdkClients(other).openai.chat.completions.create({ model: "gpt-4o", messages });
    await other.close();
    expect(otherReply.choices[0]?.message.content).not.toBe(first.choices[0]?.message.content);
  });

  it("streams the same text as JSON would, with a usage chunk when asked", async () => {
    const json = await openai.chat.completions.create({ model: "gpt-4o", messages });
    const stream = await openai.chat.completions.create({
      model: "gpt-4o",
      messages,
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = "";
    const finishes: (string | null | undefined)[] = [];
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? "";
      if (chunk.choices[0]?.finish_reason) finishes.push(chunk.choices[0].finish_reason);
      if (chunk.usage) usage = chunk.usage;
    }
    expect(text).toBe(json.choices[0]?.message.content);
    expect(finishes).toEqual(["stop"]);
    expect(usage).toEqual(json.usage);
    expect(server.requests[1]).toMatchObject({ stream: true, outcome: "completed" });
    expect(server.requests[1]?.eventsSent).toBe(server.requests[1]?.eventsPlanned);
  });

  it("sends no usage chunk without stream_options.include_usage", async () => {
    const stream = await openai.chat.completions.create({ model: "gpt-4o", messages, stream: true });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.some((chunk) => chunk.usage)).toBe(false);
  });

  it("calls an offered tool with arguments that validate, then answers text after the tool result", async () => {
    const reply = await openai.chat.completions.create({ model: "gpt-4o", messages, tools: [weatherTool] });
    const call = reply.choices[0]?.message.tool_calls?.[0];
    expect(reply.choices[0]?.finish_reason).toBe("tool_calls");
    expect(call?.type === "function" && call.function.name).toBe("get_weather");
    const args = JSON.parse(call?.type === "function" ? call.function.arguments : "null");
    expect(ajvErrors(weatherTool.function.parameters, args)).toEqual([]);
    const followUp = await openai.chat.completions.create({
      model: "gpt-4o",
      tools: [weatherTool],
      messages: [
        ...messages,
        reply.choices[0]!.message,
        { role: "tool", tool_call_id: call!.id, content: '{"temp":21}' },
      ],
    });
    expect(followUp.choices[0]?.finish_reason).toBe("stop");
    expect(followUp.choices[0]?.message.tool_calls).toBeUndefined();
    expect(followUp.choices[0]?.message.content).toMatch(/\w/);
  });

  it("streams tool calls: id and name first, then argument fragments that join to valid JSON", async () => {
    const stream = await openai.chat.completions.create({
      model: "gpt-4o",
      messages,
      tools: [weatherTool],
      tool_choice: "required",
      stream: true,
    });
    const deltas = [];
    for await (const chunk of stream) deltas.push(...(chunk.choices[0]?.delta.tool_calls ?? []));
    expect(deltas[0]).toMatchObject({
      index: 0,
      type: "function",
      function: { name: "get_weather", arguments: "" },
    });
    expect(deltas[0]?.id).toMatch(/^call_/);
    expect(deltas.length).toBeGreaterThan(2);
    const args = deltas.map((delta) => delta.function?.arguments ?? "").join("");
    expect(ajvErrors(weatherTool.function.parameters, JSON.parse(args))).toEqual([]);
  });

  it("makes several parallel calls when configured, and honours a named tool_choice", async () => {
    const parallel = await startMockServer({ parallelToolCalls: 2 });
    const tools = [
      weatherTool,
      {
        type: "function" as const,
        function: { name: "get_time", parameters: { type: "object", properties: {} } },
      },
    ];
    const reply = await sdkClients(parallel).openai.chat.completions.create({
      model: "gpt-4o",
      messages,
      tools,
    });
    expect(
      reply.choices[0]?.message.tool_calls?.map((c) => (c.type === "function" ? c.function.name : "")).sort(),
    ).toEqual(["get_time", "get_weather"]);
    const named = await sdkClients(parallel).openai.chat.completions.create({
      model: "gpt-4o",
      messages,
      tools,
      tool_choice: { type: "function", function: { name: "get_time" } },
    });
    expect(
      named.choices[0]?.message.tool_calls?.map((c) => (c.type === "function" ? c.function.name : "")),
    ).toEqual(["get_time"]);
    await parallel.close();
  });

  for (const [name, schema] of Object.entries(SCHEMA_FIXTURES)) {
    it(`answers response_format json_schema with a value that validates: ${name}`, async () => {
      for (const content of ["first", "second", "third"]) {
        const reply = await openai.chat.completions.create({
          model: "gpt-4o",
          messages: [{ role: "user", content }],
          response_format: {
            type: "json_schema",
            json_schema: { name, schema: schema as Record<string, unknown> },
          },
        });
        const value = JSON.parse(reply.choices[0]?.message.content ?? "");
        expect(ajvErrors(schema, value)).toEqual([]);
      }
    });
  }

  it("finds the schema in the prompt for JSON mode, and honours guided_json and Ollama's format", async () => {
    const schema = SCHEMA_FIXTURES.flat!;
    const jsonMode = await openai.chat.completions.create({
      model: "gpt-4o",
      response_format: { type: "json_object" },
      messages: [
        { role: "system", content: `Answer in JSON matching this schema:\n${JSON.stringify(schema)}` },
        ...messages,
      ],
    });
    expect(ajvErrors(schema, JSON.parse(jsonMode.choices[0]?.message.content ?? ""))).toEqual([]);
    for (const extra of [{ guided_json: schema }, { format: schema }]) {
      const reply = await openai.chat.completions.create({
        model: "qwen",
        messages,
        ...extra,
      } as OpenAI.ChatCompletionCreateParamsNonStreaming);
      expect(ajvErrors(schema, JSON.parse(reply.choices[0]?.message.content ?? ""))).toEqual([]);
    }
  });

  it("cuts the reply at max_tokens with finish_reason length", async () => {
    const reply = await openai.chat.completions.create({ model: "gpt-4o", messages, max_tokens: 3 });
    expect(reply.choices[0]?.finish_reason).toBe("length");
    expect(reply.usage?.completion_tokens).toBeLessThanOrEqual(3);
  });

  it("sends reasoning_content for reasoning models and counts hidden reasoning for o-series", async () => {
    const visible = await openai.chat.completions.create({ model: "deepseek-reasoner", messages });
    const message = visible.choices[0]?.message as unknown as { reasoning_content?: string };
    expect(message.reasoning_content).toMatch(/^Thinking it over/);
    const hidden = await openai.chat.completions.create({
      model: "o3-mini",
      messages,
      max_completion_tokens: 500,
    });
    expect(hidden.usage?.completion_tokens_details?.reasoning_tokens).toBeGreaterThan(0);
    expect(
      (hidden.choices[0]!.message as unknown as { reasoning_content?: string }).reasoning_content,
    ).toBeUndefined();
  });

  it("reports cached tokens when a long prompt prefix repeats", async () => {
    const longSystem = { role: "system" as const, content: "weft ".repeat(1500) };
    const first = await openai.chat.completions.create({
      model: "gpt-4o",
      messages: [longSystem, { role: "user", content: "one" }],
    });
    const second = await openai.chat.completions.create({
      model: "gpt-4o",
      messages: [longSystem, { role: "user", content: "two" }],
    });
    expect(first.usage?.prompt_tokens_details?.cached_tokens).toBe(0);
    const cached = second.usage?.prompt_tokens_details?.cached_tokens ?? 0;
    expect(cached).toBeGreaterThanOrEqual(1024);
    expect(cached % 128).toBe(0);
    expect(cached).toBeLessThan(second.usage?.prompt_tokens ?? 0);
  });

  it("logs requests with credentials redacted", async () => {
    await openai.chat.completions.create({ model: "gpt-4o", messages });
    const logged = server.requests[0];
    expect(logged?.headers.authorization).toBe("[redacted]");
    expect(JSON.stringify(server.requests)).not.toContain("sk-test-secret");
    expect(logged?.body).toMatchObject({ model: "gpt-4o", messages });
  });
});
