import type { GenerateResponse } from "@weft/provider";
import { describe, expect, it } from "vitest";
import { Value } from "../value/value.js";
import { ValueKind } from "../value/value-kind.js";
import { extractMeta, extractText } from "./response-ops.js";

const generateResponse: GenerateResponse = {
  text: "hello",
  toolCalls: [],
  reasoning: undefined,
  finishReason: { unified: "stop", raw: "stop" },
  usage: { inputTokens: 10, outputTokens: undefined },
  timing: { timeToFirstTokenMs: undefined, totalMs: 120 },
  response: { id: "r1", modelId: "m-2024" },
  rateLimit: undefined,
};

const openAIResponse = {
  model: "gpt-x",
  choices: [{ message: { content: "from choices" }, finish_reason: "length" }],
  usage: { prompt_tokens: 5, completion_tokens: 7, total_tokens: 12 },
};

describe("F.extractText (plait-spec 3.3)", () => {
  it("reads content, weft's GenerateResponse.text, or choices[0].message.content", () => {
    expect(extractText(new Value(ValueKind.RESPONSE, { content: "c" })).payload).toBe("c");
    expect(extractText(new Value(ValueKind.RESPONSE, generateResponse)).payload).toBe("hello");
    expect(extractText(openAIResponse)).toMatchObject({ kind: "text", payload: "from choices" });
  });

  it("no string found is an ERROR", () => {
    expect((extractText({ choices: [] }).error as Error).message).toBe("Missing response text");
    expect(extractText({ content: 3 }).isError()).toBe(true);
  });
});

describe("F.extractMeta (plait-spec 3.3)", () => {
  it("maps an OpenAI usage block and fills model", () => {
    expect(extractMeta(openAIResponse).payload).toEqual({
      inputTokens: 5,
      outputTokens: 7,
      totalTokens: 12,
      model: "gpt-x",
    });
  });

  it("reads snake_case fields", () => {
    const raw = {
      input_tokens: 1,
      finish_reason: "stop",
      time_to_first_token_ms: 9,
      queue_time_ms: 2,
      reasoning: "r",
    };
    expect(extractMeta(raw).payload).toEqual({
      inputTokens: 1,
      finishReason: "stop",
      timeToFirstTokenMs: 9,
      queueTimeMs: 2,
      reasoning: "r",
    });
  });

  it("reads a GenerateResponse, leaving unknown usage out instead of 0", () => {
    expect(extractMeta(new Value(ValueKind.RESPONSE, generateResponse)).payload).toEqual({
      inputTokens: 10,
      finishReason: "stop",
      model: "m-2024",
      completionTimeMs: 120,
    });
  });

  it("nothing found is an ERROR", () => {
    expect(extractMeta({ unrelated: true }).isError()).toBe(true);
  });
});
