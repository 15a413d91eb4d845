import type { GenerateRequest, ToolSpec } from "@weft/provider";
import { countMessageTokens, countTokens } from "@weft/testing";
import { describe, expect, it } from "vitest";
import {
  estimateInputTokens,
  HIDDEN_PROMPT_ALLOWANCE_TOKENS,
  TOKENS_PER_SCHEMA_BYTE,
  TOOL_OVERHEAD_TOKENS,
} from "./estimate-tokens.js";

const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).length;

const messages: GenerateRequest["messages"] = [
  { role: "system", content: "You are terse." },
  { role: "user", content: "Ünïcödé — 東京 🚀 and some plain words, numbers 123456." },
];

const weather: ToolSpec = {
  name: "get_weather",
  description: "Current weather for a city, in the unit asked for.",
  inputSchema: {
    type: "object",
    properties: {
      city: { type: "string", description: "City name, e.g. Paris" },
      unit: { type: "string", enum: ["celsius", "fahrenheit"] },
      days: { type: "integer", minimum: 1, maximum: 7 },
    },
    required: ["city"],
    additionalProperties: false,
  },
};

// Anthropic's documented tool-use system prompt, the largest figure of its table (Claude 3 Opus, tool_choice auto).
const LARGEST_DOCUMENTED_TOOL_PROMPT = 530;

describe("estimateInputTokens", () => {
  it("never counts below the tokenizer for ASCII, non-ASCII, tool calls and tool results", () => {
    const request: GenerateRequest = {
      messages: [
        ...messages,
        {
          role: "assistant",
          content: "",
          toolCalls: [{ toolCallId: "c1", toolName: "f", input: '{"a":1}' }],
        },
        { role: "tool", toolCallId: "c1", toolName: "f", content: "42" },
      ],
    };
    expect(estimateInputTokens(request)).toBeGreaterThanOrEqual(countMessageTokens(request.messages));
  });

  it("adds the hidden tool-use prompt allowance once, and per tool its wrapper plus two tokens per schema byte", () => {
    const plain = estimateInputTokens({ messages });
    const one = estimateInputTokens({ messages, tools: [weather] });
    const two = estimateInputTokens({ messages, tools: [weather, { ...weather, name: "get_forecast" }] });
    const perTool = TOOL_OVERHEAD_TOKENS + TOKENS_PER_SCHEMA_BYTE * bytes(weather);
    expect(one - plain).toBe(HIDDEN_PROMPT_ALLOWANCE_TOKENS + perTool);
    expect(two - one).toBe(
      TOOL_OVERHEAD_TOKENS + TOKENS_PER_SCHEMA_BYTE * bytes({ ...weather, name: "get_forecast" }),
    );
    expect(HIDDEN_PROMPT_ALLOWANCE_TOKENS).toBeGreaterThan(LARGEST_DOCUMENTED_TOOL_PROMPT);
  });

  it("counts a JSON response schema like a forced answer tool, with the same hidden prompt allowance", () => {
    const plain = estimateInputTokens({ messages });
    const format = { type: "json", name: "weather", schema: weather.inputSchema } as const;
    const structured = estimateInputTokens({ messages, responseFormat: format });
    expect(structured - plain).toBe(
      HIDDEN_PROMPT_ALLOWANCE_TOKENS + TOOL_OVERHEAD_TOKENS + TOKENS_PER_SCHEMA_BYTE * bytes(format),
    );
    // The allowance is counted once, whether the request has tools, a schema or both.
    const both = estimateInputTokens({ messages, tools: [weather], responseFormat: format });
    expect(both - structured).toBe(TOOL_OVERHEAD_TOKENS + TOKENS_PER_SCHEMA_BYTE * bytes(weather));
    expect(estimateInputTokens({ messages, responseFormat: { type: "text" } })).toBe(plain);
  });

  it("stays above what a provider bills for tools: the messages, the largest hidden prompt and indented schemas", () => {
    const tools = [weather, { name: "f", inputSchema: { type: "object" } }];
    const format = { type: "json", schema: weather.inputSchema } as const;
    const rendered = [...tools, format].map((definition) => JSON.stringify(definition, null, 2));
    const billed =
      countMessageTokens(messages) +
      LARGEST_DOCUMENTED_TOOL_PROMPT +
      rendered.reduce((sum, text) => sum + countTokens(text), 0);
    expect(estimateInputTokens({ messages, tools, responseFormat: format })).toBeGreaterThan(billed);
    // And above the byte bound of the indented text itself (a token is never shorter than one byte).
    const indentedBytes = rendered.reduce((sum, text) => sum + new TextEncoder().encode(text).length, 0);
    expect(estimateInputTokens({ messages, tools, responseFormat: format })).toBeGreaterThan(
      countMessageTokens(messages) + LARGEST_DOCUMENTED_TOOL_PROMPT + indentedBytes,
    );
  });
});
