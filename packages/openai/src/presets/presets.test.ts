import type { JSONSchema } from "@weft/provider";
import { type MockServer, startMockServer } from "@weft/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { createOpenAICompatible } from "../openai-compatible-provider.js";
import { createOllama } from "./ollama.js";
import { createOpenRouter } from "./openrouter.js";
import { createTGI } from "./tgi.js";
import { createVLLM } from "./vllm.js";

// Each preset against the mock server: what it sends (from the request log) and the strategy it picks.
let server: MockServer;
beforeAll(async () => {
  // Local servers (vLLM, Ollama, TGI) take no key, so the mock must not demand one.
  server = await startMockServer({ requireApiKey: false });
});
afterAll(() => server.close());
beforeEach(() => server.reset());

const City = z.object({ city: z.string(), population: z.number().int().optional() });
const schema = z.toJSONSchema(City) as JSONSchema;
const ask = {
  messages: [{ role: "user" as const, content: "Largest city?" }],
  responseFormat: { type: "json" as const, schema, name: "city" },
};
const lastBody = () => server.requests.at(-1)?.body as Record<string, unknown>;

describe("OpenAI-compatible presets", () => {
  it("vLLM sends the schema as guided_json (native json-schema strategy)", async () => {
    const model = createVLLM({ baseURL: server.openaiBaseURL }).languageModel("Qwen/Qwen2.5-7B-Instruct");
    expect(model.provider).toBe("vllm.chat");
    expect(model.capabilities.structuredOutput).toBe("json-schema");
    const reply = await model.generate(ask);
    expect(lastBody().guided_json).toEqual(schema);
    expect(lastBody()).not.toHaveProperty("response_format");
    expect(City.parse(JSON.parse(reply.text))).toBeTruthy();
  });

  it("Ollama sends the schema as format, without any Authorization header", async () => {
    const model = createOllama({ baseURL: server.openaiBaseURL }).languageModel("llama3.2");
    expect(model.capabilities.structuredOutput).toBe("json-schema");
    const reply = await model.generate(ask);
    expect(lastBody().format).toEqual(schema);
    expect(lastBody()).not.toHaveProperty("response_format");
    expect(server.requests.at(-1)?.headers).not.toHaveProperty("authorization");
    expect(City.parse(JSON.parse(reply.text))).toBeTruthy();
  });

  it("TGI forces an answer tool (tool-call strategy) and asks for no stream usage", async () => {
    const model = createTGI({ baseURL: server.openaiBaseURL }).languageModel("tgi");
    expect(model.capabilities).toMatchObject({ structuredOutput: "tool-call", streamingUsage: false });
    let text = "";
    let finish: unknown;
    for await (const part of model.stream(ask)) {
      if (part.type === "text-delta") text += part.delta;
      if (part.type === "tool-call") expect.fail("the answer tool must not surface as a tool call");
      if (part.type === "finish") finish = part.finishReason;
    }
    const body = lastBody();
    expect(body.tools).toEqual([
      {
        type: "function",
        function: { name: "city", description: "Give the final answer.", parameters: schema },
      },
    ]);
    expect(body.tool_choice).toEqual({ type: "function", function: { name: "city" } });
    expect(body).not.toHaveProperty("stream_options");
    expect(City.parse(JSON.parse(text))).toBeTruthy();
    expect(finish).toMatchObject({ unified: "stop" });
  });

  it("OpenRouter sends its attribution headers and a native json_schema response format", async () => {
    const model = createOpenRouter({
      baseURL: server.openaiBaseURL,
      apiKey: "sk-or-test-0123456789",
      appUrl: "https://weft.dev",
      appName: "weft",
    }).languageModel("openai/gpt-4o-mini");
    expect(model.capabilities.structuredOutput).toBe("json-schema");
    const reply = await model.generate(ask);
    const recorded = server.requests.at(-1);
    expect(recorded?.headers).toMatchObject({
      "http-referer": "https://weft.dev",
      "x-title": "weft",
      authorization: "[redacted]",
    });
    expect(lastBody().response_format).toEqual({
      type: "json_schema",
      json_schema: { name: "city", schema },
    });
    expect(City.parse(JSON.parse(reply.text))).toBeTruthy();
  });

  it("a server that declares nothing gets JSON mode plus the schema in the system message", async () => {
    const model = createOpenAICompatible({ name: "llamacpp", baseURL: server.openaiBaseURL }).languageModel(
      "local",
    );
    expect(model.capabilities.structuredOutput).toBe("json-mode");
    const reply = await model.generate(ask);
    const body = lastBody();
    expect(body.response_format).toEqual({ type: "json_object" });
    expect((body.messages as { role: string; content: string }[])[0]).toMatchObject({ role: "system" });
    expect((body.messages as { content: string }[])[0]?.content).toContain(JSON.stringify(schema));
    expect(() => JSON.parse(reply.text)).not.toThrow();
  });

  it("providerOptions under the preset's name reach the body, and transformRequestBody runs after the preset's", async () => {
    const model = createVLLM({
      baseURL: server.openaiBaseURL,
      transformRequestBody: (body) => ({ ...body, guided_decoding_backend: "xgrammar" }),
    }).languageModel("m");
    await model.generate({ ...ask, providerOptions: { vllm: { top_k: 20 } } });
    expect(lastBody()).toMatchObject({ guided_json: schema, guided_decoding_backend: "xgrammar", top_k: 20 });
  });
});
