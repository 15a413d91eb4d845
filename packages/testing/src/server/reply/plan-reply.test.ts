import { describe, expect, it } from "vitest";
import { countTokens } from "../../tokens/approximate-tokens.js";
import type { ChatRequest } from "./chat-request.js";
import { findSchemaInText } from "./find-schema-in-text.js";
import { planReply } from "./plan-reply.js";

const base: ChatRequest = {
  model: "m",
  stream: false,
  streamUsage: false,
  maxTokens: undefined,
  tools: [],
  toolChoice: "auto",
  parallelToolCalls: true,
  lastIsToolResult: false,
  responseSchema: undefined,
  jsonMode: false,
  reasoning: "none",
  promptText: "hello",
  segments: [],
  inputTokens: 5,
  identity: '{"messages":[1]}',
};
const options = { seed: 1, parallelToolCalls: 1 };

describe("planReply", () => {
  it("depends only on the request identity and the seed", () => {
    expect(planReply(base, options)).toEqual(planReply({ ...base, stream: true }, options));
    expect(planReply(base, options).text).not.toBe(planReply(base, { ...options, seed: 2 }).text);
    expect(planReply(base, options).text).not.toBe(planReply({ ...base, identity: "other" }, options).text);
  });

  it("calls a tool unless tool_choice is none or the last message is a tool result", () => {
    const tools = [
      { name: "t", schema: { type: "object", properties: { n: { type: "integer" } }, required: ["n"] } },
    ];
    const called = planReply({ ...base, tools }, options);
    expect(called.finish).toBe("tool_calls");
    expect(JSON.parse(called.toolCalls[0]?.arguments ?? "")).toEqual({ n: expect.any(Number) });
    expect(planReply({ ...base, tools, toolChoice: "none" }, options).toolCalls).toEqual([]);
    expect(planReply({ ...base, tools, lastIsToolResult: true }, options).finish).toBe("stop");
  });

  it("truncates to maxTokens and counts output tokens consistently", () => {
    const reply = planReply({ ...base, maxTokens: 4 }, options);
    expect(reply.finish).toBe("length");
    expect(reply.outputTokens).toBe(countTokens(reply.text));
    expect(reply.outputTokens).toBeLessThanOrEqual(4);
  });

  it("counts hidden reasoning without sending it", () => {
    const reply = planReply({ ...base, reasoning: "hidden" }, options);
    expect(reply.reasoning).toBeUndefined();
    expect(reply.reasoningTokens).toBeGreaterThan(0);
    expect(reply.outputTokens).toBe(countTokens(reply.text) + reply.reasoningTokens);
  });
});

describe("findSchemaInText", () => {
  it("finds the largest schema-like JSON object in instructions", () => {
    const schema = { type: "object", properties: { a: { type: "string" } } };
    expect(findSchemaInText(`Reply as JSON {"x": 1} using ${JSON.stringify(schema)} please`)).toEqual(schema);
    expect(findSchemaInText('no schema {"x": 1} {broken')).toBeUndefined();
  });
});
