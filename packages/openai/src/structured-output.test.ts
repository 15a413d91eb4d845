import type { JSONSchema, Message } from "@weft/provider";
import { type MockServer, startMockServer } from "@weft/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createOpenAI } from "./openai-provider.js";

// Strict structured outputs end to end: the mock server rejects schemas strict mode would refuse and
// answers with values of the strict schema (nulls included), which the user's zod schema must accept.
let server: MockServer;
beforeAll(async () => {
  server = await startMockServer({ seed: 7 });
});
afterAll(() => server.close());

const model = () =>
  createOpenAI({ apiKey: "sk-test-0123456789", baseURL: server.openaiBaseURL }).languageModel("gpt-4o-mini");
const schemas: Record<string, z.ZodType> = {
  nested: z.object({
    user: z.object({ name: z.string(), nickname: z.string().optional() }),
    tags: z.array(z.string()),
  }),
  optionals: z.object({
    a: z.string().optional(),
    b: z.number().int().optional(),
    c: z.boolean().optional(),
    d: z.string().nullable().optional(),
  }),
  enums: z.object({ status: z.enum(["open", "closed"]), level: z.enum(["low", "high"]).optional() }),
  arrayOfObjects: z.object({
    items: z.array(z.object({ id: z.number().int(), note: z.string().optional() })),
  }),
  formats: z.object({ email: z.email(), site: z.url().optional(), day: z.iso.date() }),
  union: z.object({ value: z.union([z.string(), z.object({ x: z.number(), y: z.number().optional() })]) }),
  arrayRoot: z.array(z.object({ k: z.string(), v: z.number().optional() })),
};

describe("strict structured output over the mock server", () => {
  for (const [name, schema] of Object.entries(schemas)) {
    it(`${name}: the reply validates against the original zod schema, generating and streaming`, async () => {
      const request = {
        messages: [{ role: "user" as const, content: `Give me ${name}.` }],
        responseFormat: { type: "json" as const, schema: z.toJSONSchema(schema) as JSONSchema, name },
      };
      const reply = await model().generate(request);
      const sent = server.requests.at(-1)?.body as { response_format: { json_schema: { strict: boolean } } };
      expect(sent.response_format.json_schema.strict).toBe(true);
      expect(schema.safeParse(JSON.parse(reply.text)).error).toBeUndefined();
      let streamed = "";
      for await (const part of model().stream(request))
        if (part.type === "text-delta") streamed += part.delta;
      expect(schema.safeParse(JSON.parse(streamed)).error).toBeUndefined();
    });
  }

  it("a record schema strict mode cannot express is sent with strict: false", async () => {
    const Counts = z.object({ counts: z.record(z.string(), z.number()) });
    const reply = await model().generate({
      messages: [{ role: "user", content: "Count" }],
      responseFormat: { type: "json", schema: z.toJSONSchema(Counts) as JSONSchema },
    });
    const sent = server.requests.at(-1)?.body as { response_format: { json_schema: { strict: boolean } } };
    expect(sent.response_format.json_schema.strict).toBe(false);
    expect(Counts.safeParse(JSON.parse(reply.text)).error).toBeUndefined();
  });
});

describe("tools over the mock server", () => {
  it("calls a tool, then answers with text after the tool result", async () => {
    const tools = [
      {
        name: "weather",
        description: "Weather of a city",
        inputSchema: z.toJSONSchema(z.object({ city: z.string() })) as JSONSchema,
      },
    ];
    const messages: Message[] = [{ role: "user", content: "Weather in Paris?" }];
    const first = await model().generate({ messages, tools });
    expect(first.finishReason.unified).toBe("tool-calls");
    const call = first.toolCalls[0];
    expect(call?.toolName).toBe("weather");
    expect(z.object({ city: z.string() }).safeParse(JSON.parse(call?.input ?? "")).success).toBe(true);
    const second = await model().generate({
      messages: [
        ...messages,
        { role: "assistant", content: first.text, toolCalls: first.toolCalls },
        { role: "tool", toolCallId: call?.toolCallId ?? "", toolName: "weather", content: '{"c":21}' },
      ],
      tools,
    });
    expect(second.finishReason.unified).toBe("stop");
    expect(second.toolCalls).toEqual([]);
    expect(second.text.length).toBeGreaterThan(0);
  });

  it("streams tool calls as start, argument deltas and a whole call", async () => {
    const tools = [
      { name: "add", inputSchema: z.toJSONSchema(z.object({ a: z.number(), b: z.number() })) as JSONSchema },
    ];
    const types: string[] = [];
    let input = "";
    let whole = "";
    for await (const part of model().stream({ messages: [{ role: "user", content: "1+2?" }], tools })) {
      types.push(part.type);
      if (part.type === "tool-call-delta") input += part.inputDelta;
      if (part.type === "tool-call") whole = part.toolCall.input;
    }
    expect(types[0]).toBe("response-metadata");
    expect(types).toContain("tool-call-start");
    expect(types.at(-1)).toBe("finish");
    expect(whole).toBe(input);
    expect(z.object({ a: z.number(), b: z.number() }).parse(JSON.parse(whole))).toBeTruthy();
  });
});
