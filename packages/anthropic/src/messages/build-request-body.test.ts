import type { JSONSchema } from "@weft/provider";
import { describe, expect, it } from "vitest";
import { anthropicModelCapabilities, supportsNativeStructuredOutput } from "./anthropic-model-traits.js";
import { buildRequestBody, type RequestBodyOptions } from "./build-request-body.js";
import { readMessage } from "./read-message.js";

const options: RequestBodyOptions = {
  modelId: "claude-sonnet-4-5",
  provider: "anthropic.messages",
  stream: false,
  strategy: "tool-call",
  defaultMaxTokens: 4096,
};
const person: JSONSchema = { type: "object", properties: { name: { type: "string" } }, required: ["name"] };

describe("buildRequestBody", () => {
  it("always sends max_tokens, lifts the system prompt and maps sampling, stop and tools", () => {
    const prepared = buildRequestBody(
      {
        messages: [
          { role: "system", content: "S" },
          { role: "user", content: "Hi" },
        ],
        temperature: 0.3,
        topP: 0.9,
        seed: 1,
        stop: ["END"],
        tools: [{ name: "add", inputSchema: person }],
        toolChoice: "required",
      },
      options,
    );
    expect(prepared.body).toEqual({
      model: "claude-sonnet-4-5",
      max_tokens: 4096,
      system: "S",
      messages: [{ role: "user", content: [{ type: "text", text: "Hi" }] }],
      temperature: 0.3,
      stop_sequences: ["END"],
      tools: [{ name: "add", input_schema: person }],
      tool_choice: { type: "any" },
    });
    expect(prepared.warnings).toHaveLength(2);
  });

  it("asks for structured output through a forced answer tool and reads its input back as text", () => {
    const prepared = buildRequestBody(
      { messages: [{ role: "user", content: "Who?" }], responseFormat: { type: "json", schema: person } },
      options,
    );
    expect(prepared.body.tools).toEqual([
      { name: "response", description: "Give the final answer.", input_schema: person },
    ]);
    expect(prepared.body.tool_choice).toEqual({ type: "tool", name: "response" });
    const answer = readMessage(
      {
        content: [{ type: "tool_use", id: "toolu_1", name: "response", input: { name: "Ada" } }],
        stop_reason: "tool_use",
      },
      prepared.plan,
      "anthropic.messages",
    );
    expect(answer).toEqual({
      text: '{"name":"Ada"}',
      toolCalls: [],
      reasoning: undefined,
      finishReason: { unified: "stop", raw: "tool_use" },
    });
  });

  it("uses native output_config.format with closed objects, wrapping non-object roots", () => {
    const native = buildRequestBody(
      {
        messages: [{ role: "user", content: "List" }],
        responseFormat: { type: "json", schema: { type: "array", items: person } },
      },
      { ...options, strategy: "json-schema" },
    );
    expect(native.body.output_config).toEqual({
      format: {
        type: "json_schema",
        schema: {
          type: "object",
          properties: { value: { type: "array", items: { ...person, additionalProperties: false } } },
          required: ["value"],
          additionalProperties: false,
        },
      },
    });
    expect(native.body).not.toHaveProperty("tools");
    const answer = readMessage(
      { content: [{ type: "text", text: '{"value":[{"name":"Ada"}]}' }], stop_reason: "end_turn" },
      native.plan,
      "x",
    );
    expect(answer.text).toBe('[{"name":"Ada"}]');
  });

  it("falls back to a tool call for record schemas the native format cannot express", () => {
    const prepared = buildRequestBody(
      {
        messages: [{ role: "user", content: "Counts" }],
        responseFormat: {
          type: "json",
          schema: { type: "object", additionalProperties: { type: "number" } },
        },
      },
      { ...options, strategy: "json-schema" },
    );
    expect(prepared.body).not.toHaveProperty("output_config");
    expect(prepared.body.tool_choice).toEqual({ type: "tool", name: "response" });
  });

  it("declares native structured output for Claude 4.5+ and Opus 4.1 only", () => {
    for (const id of [
      "claude-sonnet-4-5",
      "claude-haiku-4-5-20251001",
      "claude-opus-4-1-20250805",
      "claude-opus-5",
    ]) {
      expect(supportsNativeStructuredOutput(id)).toBe(true);
    }
    for (const id of ["claude-sonnet-4-20250514", "claude-3-5-haiku-latest", "claude-opus-4-0", "gpt-4o"]) {
      expect(supportsNativeStructuredOutput(id)).toBe(false);
    }
    expect(anthropicModelCapabilities("claude-3-5-haiku-latest")).toMatchObject({
      structuredOutput: "tool-call",
      maxOutputTokens: 8192,
    });
    expect(anthropicModelCapabilities("claude-sonnet-4-5", "tool-call").structuredOutput).toBe("tool-call");
  });

  it("merges providerOptions.anthropic as raw fields", () => {
    const { body } = buildRequestBody(
      {
        messages: [{ role: "user", content: "Hi" }],
        providerOptions: { anthropic: { thinking: { type: "enabled", budget_tokens: 1024 } } },
      },
      options,
    );
    expect(body.thinking).toEqual({ type: "enabled", budget_tokens: 1024 });
  });

  it("does not force the answer tool when thinking is on (the API refuses both together)", () => {
    const prepared = buildRequestBody(
      {
        messages: [
          { role: "system", content: "S" },
          { role: "user", content: "Who?" },
        ],
        responseFormat: { type: "json", schema: person },
        providerOptions: { anthropic: { thinking: { type: "enabled", budget_tokens: 1024 } } },
      },
      options,
    );
    expect(prepared.body.tool_choice).toEqual({ type: "auto" });
    expect(prepared.body.system).toBe("S\n\nGive your final answer by calling the `response` tool.");
    expect(prepared.warnings).toHaveLength(1);
  });
});
