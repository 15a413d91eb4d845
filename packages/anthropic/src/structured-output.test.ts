import type { JSONSchema, Message } from "@weft/provider";
import { type MockServer, startMockServer } from "@weft/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createAnthropic } from "./anthropic-provider.js";

// Structured output and tools end to end against the mock server's Messages API.
let server: MockServer;
beforeAll(async () => {
  server = await startMockServer({ seed: 3 });
});
afterAll(() => server.close());

const anthropic = (structuredOutput?: "json-schema" | "tool-call") =>
  createAnthropic({
    apiKey: "sk-ant-test-0123456789",
    baseURL: server.anthropicBaseURL,
    ...(structuredOutput ? { structuredOutput } : {}),
  });
const schemas: Record<string, z.ZodType> = {
  nested: z.object({
    user: z.object({ name: z.string(), nickname: z.string().optional() }),
    tags: z.array(z.string()),
  }),
  enums: z.object({ status: z.enum(["open", "closed"]), level: z.enum(["low", "high"]).optional() }),
  formats: z.object({ email: z.email(), day: z.iso.date() }),
  arrayRoot: z.array(z.object({ k: z.string(), v: z.number().optional() })),
};

describe("Anthropic structured output over the mock server", () => {
  for (const strategy of ["json-schema", "tool-call"] as const) {
    for (const [name, schema] of Object.entries(schemas)) {
      it(`${strategy} / ${name}: the reply validates against the zod schema, generating and streaming`, async () => {
        const model = anthropic(strategy).languageModel("claude-sonnet-4-6");
        const request = {
          messages: [{ role: "user" as const, content: `Give me ${name}.` }],
          responseFormat: { type: "json" as const, schema: z.toJSONSchema(schema) as JSONSchema, name },
        };
        const reply = await model.generate(request);
        const body = server.requests.at(-1)?.body as Record<string, unknown>;
        expect(body).toHaveProperty(strategy === "json-schema" ? "output_config" : "tool_choice");
        expect(reply.finishReason.unified).toBe("stop");
        expect(reply.toolCalls).toEqual([]);
        expect(schema.safeParse(JSON.parse(reply.text)).error).toBeUndefined();
        let streamed = "";
        for await (const part of model.stream(request))
          if (part.type === "text-delta") streamed += part.delta;
        expect(schema.safeParse(JSON.parse(streamed)).error).toBeUndefined();
      });
    }
  }

  it("with thinking on, the mock accepts the request and the answer tool still answers", async () => {
    const Review = z.object({ title: z.string(), stars: z.number().int().optional() });
    const reply = await anthropic("tool-call")
      .languageModel("claude-sonnet-4-6")
      .generate({
        messages: [{ role: "user", content: "Review a loom." }],
        maxTokens: 4096,
        responseFormat: { type: "json", schema: z.toJSONSchema(Review) as JSONSchema },
        providerOptions: { anthropic: { thinking: { type: "enabled", budget_tokens: 1024 } } },
      });
    expect(reply.reasoning).toBeTypeOf("string");
    expect(Review.safeParse(JSON.parse(reply.text)).error).toBeUndefined();
    expect(reply.providerMetadata).toMatchObject({
      anthropic: { warnings: [expect.stringContaining("thinking")] },
    });
  });

  it("picks native output for Claude 4.5+ and a tool call for older models by default", () => {
    expect(anthropic().languageModel("claude-opus-4-6").capabilities.structuredOutput).toBe("json-schema");
    expect(anthropic().languageModel("claude-3-7-sonnet-latest").capabilities.structuredOutput).toBe(
      "tool-call",
    );
  });
});

describe("Anthropic tools over the mock server", () => {
  const tools = [
    {
      name: "weather",
      description: "Weather of a city",
      inputSchema: z.toJSONSchema(z.object({ city: z.string() })) as JSONSchema,
    },
  ];

  it("calls a tool, then answers with text after the tool result", async () => {
    const model = anthropic().languageModel("claude-sonnet-4-6");
    const messages: Message[] = [
      { role: "system", content: "Use tools." },
      { role: "user", content: "Weather in Paris?" },
    ];
    const first = await model.generate({ messages, tools });
    expect(first.finishReason).toEqual({ unified: "tool-calls", raw: "tool_use" });
    const call = first.toolCalls[0];
    expect(z.object({ city: z.string() }).safeParse(JSON.parse(call?.input ?? "")).success).toBe(true);
    const second = await model.generate({
      messages: [
        ...messages,
        { role: "assistant", content: first.text, toolCalls: first.toolCalls },
        { role: "tool", toolCallId: call?.toolCallId ?? "", toolName: "weather", content: "21C" },
      ],
      tools,
    });
    expect(second.finishReason.unified).toBe("stop");
    expect(second.text.length).toBeGreaterThan(0);
  });

  it("streams a tool call through input_json_delta events", async () => {
    const types: string[] = [];
    let deltas = "";
    let whole = "";
    for await (const part of anthropic()
      .languageModel("claude-sonnet-4-6")
      .stream({ messages: [{ role: "user", content: "Weather?" }], tools })) {
      types.push(part.type);
      if (part.type === "tool-call-delta") deltas += part.inputDelta;
      if (part.type === "tool-call") whole = part.toolCall.input;
    }
    expect(types[0]).toBe("response-metadata");
    expect(types).toContain("tool-call-start");
    expect(types.at(-1)).toBe("finish");
    expect(whole).toBe(deltas);
    expect(z.object({ city: z.string() }).parse(JSON.parse(whole))).toBeTruthy();
  });
});
