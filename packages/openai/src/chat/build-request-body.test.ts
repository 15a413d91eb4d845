import type { GenerateRequest, JSONSchema } from "@weft/provider";
import { describe, expect, it } from "vitest";
import { buildRequestBody, type RequestBodyOptions } from "./build-request-body.js";
import { isOpenAIReasoningModel, openAIModelCapabilities } from "./openai-model-traits.js";

const options: RequestBodyOptions = {
  modelId: "gpt-4o-mini",
  stream: false,
  strategy: "json-schema",
  strictJsonSchema: true,
  reasoningModel: false,
  includeUsage: true,
  providerOptionsKey: "openai",
};
const hello: GenerateRequest = { messages: [{ role: "user", content: "Hi" }] };
const person: JSONSchema = {
  type: "object",
  properties: { name: { type: "string" }, age: { type: "integer" } },
  required: ["name"],
};

describe("buildRequestBody", () => {
  it("maps sampling settings, stop, seed and tools", () => {
    const { body } = buildRequestBody(
      {
        ...hello,
        temperature: 0.2,
        topP: 0.9,
        maxTokens: 100,
        stop: ["END"],
        seed: 7,
        tools: [{ name: "add", description: "Adds", inputSchema: person }],
        toolChoice: { type: "tool", name: "add" },
      },
      options,
    );
    expect(body).toEqual({
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: "Hi" }],
      temperature: 0.2,
      top_p: 0.9,
      max_tokens: 100,
      stop: ["END"],
      seed: 7,
      tools: [{ type: "function", function: { name: "add", description: "Adds", parameters: person } }],
      tool_choice: { type: "function", function: { name: "add" } },
    });
  });

  it("uses max_completion_tokens and developer messages for reasoning models, dropping sampling settings", () => {
    for (const id of ["o1", "o3-mini", "o4-mini-2025-04-16", "gpt-5", "gpt-5-mini"])
      expect(isOpenAIReasoningModel(id)).toBe(true);
    for (const id of ["gpt-4o", "gpt-4.1-nano", "gpt-5-chat-latest"])
      expect(isOpenAIReasoningModel(id)).toBe(false);
    const prepared = buildRequestBody(
      { messages: [{ role: "system", content: "S" }, ...hello.messages], temperature: 0.5, maxTokens: 50 },
      { ...options, modelId: "o3", reasoningModel: true },
    );
    expect(prepared.body.max_completion_tokens).toBe(50);
    expect(prepared.body).not.toHaveProperty("max_tokens");
    expect(prepared.body).not.toHaveProperty("temperature");
    expect(prepared.body.messages).toEqual([
      { role: "developer", content: "S" },
      { role: "user", content: "Hi" },
    ]);
    expect(prepared.warnings).toEqual(["temperature is not supported by reasoning models and was not sent"]);
  });

  it("asks for usage in streams only when the server reports it", () => {
    expect(buildRequestBody(hello, { ...options, stream: true }).body).toMatchObject({
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(
      buildRequestBody(hello, { ...options, stream: true, includeUsage: false }).body,
    ).not.toHaveProperty("stream_options");
  });

  it("sends a strict json_schema response format and decodes answers back", () => {
    const prepared = buildRequestBody(
      { ...hello, responseFormat: { type: "json", schema: person, name: "person" } },
      options,
    );
    expect(prepared.body.response_format).toEqual({
      type: "json_schema",
      json_schema: {
        name: "person",
        strict: true,
        schema: {
          type: "object",
          properties: { name: { type: "string" }, age: { type: ["integer", "null"] } },
          required: ["name", "age"],
          additionalProperties: false,
        },
      },
    });
    expect(prepared.plan.decoder.decode('{"name":"Ada","age":null}')).toBe('{"name":"Ada"}');
  });

  it("falls back to JSON mode plus instructions, or to a forced answer tool", () => {
    const jsonMode = buildRequestBody(
      {
        messages: [{ role: "system", content: "Be nice." }, ...hello.messages],
        responseFormat: { type: "json", schema: person },
      },
      { ...options, strategy: "json-mode" },
    );
    expect(jsonMode.body.response_format).toEqual({ type: "json_object" });
    const system = (jsonMode.body.messages as { content: string }[])[0]?.content ?? "";
    expect(system.startsWith("Be nice.\n\n")).toBe(true);
    expect(system).toContain(JSON.stringify(person));

    const tool = buildRequestBody(
      { ...hello, responseFormat: { type: "json", schema: person } },
      { ...options, strategy: "tool-call" },
    );
    expect(tool.body).not.toHaveProperty("response_format");
    expect(tool.body.tools).toEqual([
      {
        type: "function",
        function: { name: "response", description: "Give the final answer.", parameters: person },
      },
    ]);
    expect(tool.body.tool_choice).toEqual({ type: "function", function: { name: "response" } });
    expect(tool.plan.answerTool).toBe("response");
  });

  it("merges providerOptions under the provider's key last, as raw API fields", () => {
    const { body } = buildRequestBody(
      { ...hello, providerOptions: { openai: { user: "u-1", max_tokens: 9 }, other: { ignored: true } } },
      { ...options },
    );
    expect(body).toMatchObject({ user: "u-1", max_tokens: 9 });
    expect(body).not.toHaveProperty("ignored");
  });

  it("declares JSON mode for models that predate structured outputs", () => {
    expect(openAIModelCapabilities("gpt-3.5-turbo").structuredOutput).toBe("json-mode");
    expect(openAIModelCapabilities("gpt-4-turbo").structuredOutput).toBe("json-mode");
    expect(openAIModelCapabilities("gpt-4o-2024-08-06")).toMatchObject({
      structuredOutput: "json-schema",
      contextWindow: 128_000,
    });
  });
});
