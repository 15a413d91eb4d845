import type { StreamPart } from "@weft/provider";
import { describe, expect, it } from "vitest";
import type { WireCompletion } from "./openai-api-types.js";
import { readChatStream } from "./read-chat-stream.js";
import { planStructuredOutput } from "./structured-output.js";

async function collect(
  chunks: WireCompletion[],
  plan = planStructuredOutput({
    format: undefined,
    strategy: "json-schema",
    strictJsonSchema: true,
    messages: [],
    tools: undefined,
    toolChoice: undefined,
  }),
) {
  let t = 100;
  async function* source() {
    yield* chunks;
  }
  const parts: StreamPart[] = [];
  for await (const part of readChatStream(source(), {
    plan,
    provider: "openai.chat",
    headers: {},
    rateLimit: undefined,
    now: () => (t += 10),
    startedAt: 100,
  })) {
    parts.push(part);
  }
  return parts;
}

const chunk = (delta: object, finish: string | null = null): WireCompletion => ({
  id: "c1",
  model: "m",
  choices: [{ delta, finish_reason: finish }],
});

describe("readChatStream", () => {
  it("emits metadata first, text and reasoning deltas, tool calls and a finish with usage", async () => {
    const parts = await collect([
      chunk({ role: "assistant", reasoning_content: "thinking" }),
      chunk({ content: "Hel" }),
      chunk({ content: "lo" }),
      chunk({
        tool_calls: [{ index: 0, id: "call_1", type: "function", function: { name: "add", arguments: "" } }],
      }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '{"a":' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: "1}" } }] }, "tool_calls"),
      {
        id: "c1",
        model: "m",
        choices: [],
        usage: {
          prompt_tokens: 5,
          completion_tokens: 7,
          prompt_tokens_details: { cached_tokens: 2 },
          completion_tokens_details: { reasoning_tokens: 3 },
        },
      },
    ]);
    expect(parts.map((p) => p.type)).toEqual([
      "response-metadata",
      "reasoning-delta",
      "text-delta",
      "text-delta",
      "tool-call-start",
      "tool-call-delta",
      "tool-call-delta",
      "tool-call",
      "finish",
    ]);
    expect(parts[7]).toEqual({
      type: "tool-call",
      toolCall: { toolCallId: "call_1", toolName: "add", input: '{"a":1}' },
    });
    expect(parts[8]).toMatchObject({
      finishReason: { unified: "tool-calls", raw: "tool_calls" },
      usage: { inputTokens: 5, outputTokens: 7, cachedInputTokens: 2, reasoningTokens: 3 },
      timing: { timeToFirstTokenMs: 10 },
    });
  });

  it("treats a stream that ends without a finish reason as cut (transient)", async () => {
    await expect(collect([chunk({ content: "Hel" })])).rejects.toMatchObject({ kind: "transient" });
  });

  it("streams the answer tool's arguments as text and reports a plain stop", async () => {
    const plan = planStructuredOutput({
      format: {
        type: "json",
        schema: { type: "object", properties: { a: { type: "number" } }, required: ["a"] },
      },
      strategy: "tool-call",
      strictJsonSchema: false,
      messages: [],
      tools: undefined,
      toolChoice: undefined,
    });
    const parts = await collect(
      [
        chunk({ tool_calls: [{ index: 0, id: "x", function: { name: "response", arguments: '{"a"' } }] }),
        chunk({ tool_calls: [{ index: 0, function: { arguments: ":1}" } }] }, "tool_calls"),
      ],
      plan,
    );
    const text = parts.flatMap((p) => (p.type === "text-delta" ? [p.delta] : [])).join("");
    expect(text).toBe('{"a":1}');
    expect(parts.some((p) => p.type === "tool-call")).toBe(false);
    expect(parts.at(-1)).toMatchObject({ type: "finish", finishReason: { unified: "stop" } });
  });

  it("holds back strict-mode answers and sends them decoded", async () => {
    const plan = planStructuredOutput({
      format: {
        type: "json",
        schema: {
          type: "object",
          properties: { a: { type: "number" }, b: { type: "string" } },
          required: ["a"],
        },
      },
      strategy: "json-schema",
      strictJsonSchema: true,
      messages: [],
      tools: undefined,
      toolChoice: undefined,
    });
    const parts = await collect(
      [chunk({ content: '{"a":1,' }), chunk({ content: '"b":null}' }, "stop")],
      plan,
    );
    expect(parts.filter((p) => p.type === "text-delta")).toEqual([{ type: "text-delta", delta: '{"a":1}' }]);
  });

  it("streams a refusal as text and finishes with content-filter", async () => {
    const parts = await collect([chunk({ refusal: "I can't." }, "stop")]);
    expect(parts.filter((p) => p.type === "text-delta")).toEqual([{ type: "text-delta", delta: "I can't." }]);
    expect(parts.at(-1)).toMatchObject({ finishReason: { unified: "content-filter", raw: "stop" } });
  });
});
