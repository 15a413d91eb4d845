import type { StreamPart } from "@weft/provider";
import { describe, expect, it } from "vitest";
import type { WireStreamEvent } from "./anthropic-api-types.js";
import { readMessageStream } from "./read-message-stream.js";
import { planAnthropicOutput } from "./structured-output.js";

const textPlan = planAnthropicOutput({
  format: undefined,
  strategy: "tool-call",
  tools: undefined,
  toolChoice: undefined,
});

async function collect(events: WireStreamEvent[], plan = textPlan) {
  let t = 0;
  async function* source() {
    yield* events;
  }
  const parts: StreamPart[] = [];
  for await (const part of readMessageStream(source(), {
    plan,
    provider: "anthropic.messages",
    headers: {},
    rateLimit: undefined,
    now: () => (t += 5),
    startedAt: 0,
  })) {
    parts.push(part);
  }
  return parts;
}

const start: WireStreamEvent = {
  type: "message_start",
  message: {
    id: "msg_1",
    model: "claude-sonnet-4-5",
    content: [],
    usage: { input_tokens: 10, output_tokens: 1, cache_read_input_tokens: 5, cache_creation_input_tokens: 2 },
  },
};

describe("readMessageStream", () => {
  it("handles every event type: text, thinking, tool input JSON deltas, usage and stop", async () => {
    const parts = await collect([
      start,
      { type: "content_block_start", index: 0, content_block: { type: "thinking", thinking: "" } },
      { type: "content_block_delta", index: 0, delta: { type: "thinking_delta", thinking: "Hmm" } },
      { type: "content_block_delta", index: 0, delta: { type: "signature_delta" } },
      { type: "content_block_stop", index: 0 },
      { type: "content_block_start", index: 1, content_block: { type: "text", text: "" } },
      { type: "content_block_delta", index: 1, delta: { type: "text_delta", text: "Let me add." } },
      { type: "content_block_stop", index: 1 },
      {
        type: "content_block_start",
        index: 2,
        content_block: { type: "tool_use", id: "toolu_1", name: "add", input: {} },
      },
      { type: "content_block_delta", index: 2, delta: { type: "input_json_delta", partial_json: '{"a":' } },
      { type: "content_block_delta", index: 2, delta: { type: "input_json_delta", partial_json: "1}" } },
      { type: "content_block_stop", index: 2 },
      { type: "message_delta", delta: { stop_reason: "tool_use" }, usage: { output_tokens: 30 } },
      { type: "message_stop" },
    ]);
    expect(parts.map((p) => p.type)).toEqual([
      "response-metadata",
      "reasoning-delta",
      "text-delta",
      "tool-call-start",
      "tool-call-delta",
      "tool-call-delta",
      "tool-call",
      "finish",
    ]);
    expect(parts[0]).toMatchObject({ response: { id: "msg_1", modelId: "claude-sonnet-4-5" } });
    expect(parts[6]).toEqual({
      type: "tool-call",
      toolCall: { toolCallId: "toolu_1", toolName: "add", input: '{"a":1}' },
    });
    expect(parts[7]).toMatchObject({
      finishReason: { unified: "tool-calls", raw: "tool_use" },
      usage: { inputTokens: 17, outputTokens: 30, cachedInputTokens: 5, cacheWriteInputTokens: 2 },
      timing: { timeToFirstTokenMs: 5 },
    });
  });

  it("streams the answer tool's input as text and finishes with a stop", async () => {
    const plan = planAnthropicOutput({
      format: { type: "json", schema: { type: "object", properties: { a: { type: "number" } } } },
      strategy: "tool-call",
      tools: undefined,
      toolChoice: undefined,
    });
    const parts = await collect(
      [
        start,
        {
          type: "content_block_start",
          index: 0,
          content_block: { type: "tool_use", id: "toolu_1", name: "response", input: {} },
        },
        {
          type: "content_block_delta",
          index: 0,
          delta: { type: "input_json_delta", partial_json: '{"a":2}' },
        },
        { type: "content_block_stop", index: 0 },
        { type: "message_delta", delta: { stop_reason: "tool_use" }, usage: { output_tokens: 4 } },
        { type: "message_stop" },
      ],
      plan,
    );
    expect(parts.filter((p) => p.type === "text-delta")).toEqual([{ type: "text-delta", delta: '{"a":2}' }]);
    expect(parts.at(-1)).toMatchObject({ finishReason: { unified: "stop" } });
  });

  it("treats a stream that ends before message_stop as cut (transient)", async () => {
    await expect(
      collect([start, { type: "content_block_start", index: 0, content_block: { type: "text" } }]),
    ).rejects.toMatchObject({
      kind: "transient",
    });
  });
});
