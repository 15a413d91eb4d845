import type OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
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

describe("mock server, OpenAI chat completions with tools", () => {
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
});
