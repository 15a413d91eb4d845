import { ManualClock } from "@weft/core";
import { type GenerateRequest, isLanguageModel, ProviderError, type StreamPart } from "@weft/provider";
import { describe, expect, it } from "vitest";
import { countMessageTokens, countTokens } from "../tokens/approximate-tokens.js";
import { MockLanguageModel } from "./mock-language-model.js";
import { MockModelError } from "./mock-model-error.js";
import { failWith, objectResponse, streamParts, textResponse, toolCallResponse } from "./mock-results.js";

const request: GenerateRequest = { messages: [{ role: "user", content: "Say hello" }] };

async function collect(stream: AsyncIterable<StreamPart>): Promise<StreamPart[]> {
  const parts: StreamPart[] = [];
  for await (const part of stream) parts.push(part);
  return parts;
}

describe("MockLanguageModel.generate", () => {
  it("implements the v1 spec with configurable identity and capabilities", () => {
    const model = new MockLanguageModel({ provider: "fake", modelId: "m1", capabilities: { tools: false } });
    expect(isLanguageModel(model)).toBe(true);
    expect(model.provider).toBe("fake");
    expect(model.modelId).toBe("m1");
    expect(model.capabilities).toEqual({
      structuredOutput: "json-schema",
      tools: false,
      streaming: true,
      streamingUsage: true,
    });
  });

  it("answers a list in call order and fails past its end", async () => {
    const model = new MockLanguageModel({ generate: ["one", textResponse("two")] });
    expect((await model.generate(request)).text).toBe("one");
    expect((await model.generate(request)).text).toBe("two");
    await expect(model.generate(request)).rejects.toSatisfy(
      (error) => MockModelError.is(error) && error.code === "mock_exhausted",
    );
  });

  it("answers from a function of the request", async () => {
    const model = new MockLanguageModel({
      generate: (req, call) => `${call.index}:${req.messages.at(-1)?.content}`,
    });
    expect((await model.generate(request)).text).toBe("0:Say hello");
    expect((await model.generate({ messages: [{ role: "user", content: "again" }] })).text).toBe("1:again");
  });

  it("gives one result to every call", async () => {
    const model = new MockLanguageModel({ generate: objectResponse({ ok: true }) });
    expect((await model.generate(request)).text).toBe('{"ok":true}');
    expect((await model.generate(request)).text).toBe('{"ok":true}');
  });

  it("rejects with the ProviderError a result carries, retryAfterMs included", async () => {
    const model = new MockLanguageModel({
      generate: [failWith("rate_limit", { retryAfterMs: 1_500 }), failWith("quota"), new Error("boom")],
    });
    const limited = await model.generate(request).catch((error: unknown) => error);
    expect(ProviderError.is(limited) && limited).toMatchObject({
      kind: "rate_limit",
      status: 429,
      retryAfterMs: 1_500,
      isRetryable: true,
    });
    await expect(model.generate(request)).rejects.toMatchObject({ kind: "quota", isRetryable: false });
    await expect(model.generate(request)).rejects.toThrow("boom");
  });

  it("fails clearly when nothing was configured", async () => {
    const model = new MockLanguageModel();
    await expect(model.generate(request)).rejects.toMatchObject({ code: "mock_not_configured" });
  });

  it("estimates usage by default and reports configured usage otherwise", async () => {
    const estimated = await new MockLanguageModel({ generate: "hello there" }).generate(request);
    expect(estimated.usage).toEqual({
      inputTokens: countMessageTokens(request.messages),
      outputTokens: countTokens("hello there"),
    });
    const fixed = new MockLanguageModel({
      generate: "x",
      usage: { inputTokens: 7, outputTokens: undefined },
    });
    expect((await fixed.generate(request)).usage).toEqual({ inputTokens: 7, outputTokens: undefined });
    const perReply = new MockLanguageModel({
      generate: textResponse("x", { inputTokens: 1, outputTokens: 2 }),
    });
    expect((await perReply.generate(request)).usage).toEqual({ inputTokens: 1, outputTokens: 2 });
  });

  it("returns tool calls with finish reason tool-calls", async () => {
    const model = new MockLanguageModel({ generate: toolCallResponse({ toolName: "add", input: { a: 1 } }) });
    const reply = await model.generate(request);
    expect(reply.toolCalls).toEqual([{ toolCallId: "call_0", toolName: "add", input: '{"a":1}' }]);
    expect(reply.finishReason.unified).toBe("tool-calls");
  });
});

describe("MockLanguageModel timing and abort", () => {
  it("waits on the injected clock and records each call with its time", async () => {
    const clock = new ManualClock(1_000);
    const model = new MockLanguageModel({ clock, delayMs: 200, generate: "late" });
    let settled = false;
    const reply = model.generate(request).then((r) => {
      settled = true;
      return r;
    });
    await clock.advance(199);
    expect(settled).toBe(false);
    await clock.advance(1);
    expect((await reply).timing.totalMs).toBe(200);
    expect(model.calls).toEqual([{ method: "generate", index: 0, request, options: undefined, time: 1_000 }]);
  });

  it("rejects with kind aborted when the signal fires during the delay", async () => {
    const clock = new ManualClock();
    const model = new MockLanguageModel({ clock, delayMs: 500, generate: "never" });
    const controller = new AbortController();
    const reply = model.generate(request, { signal: controller.signal });
    await clock.advance(100);
    controller.abort();
    await expect(reply).rejects.toMatchObject({ kind: "aborted", isRetryable: false });
    expect(clock.pending).toBe(0);
  });

  it("rejects at once on an already aborted signal", async () => {
    const model = new MockLanguageModel({ generate: "x" });
    await expect(model.generate(request, { signal: AbortSignal.abort() })).rejects.toMatchObject({
      kind: "aborted",
    });
  });
});

describe("MockLanguageModel.stream", () => {
  it("streams metadata first, word deltas, tool calls, and finish last with usage and timing", async () => {
    const clock = new ManualClock();
    const model = new MockLanguageModel({
      clock,
      delayMs: 30,
      chunkDelayMs: 10,
      stream: { text: "Hello big world", toolCalls: [{ toolCallId: "t1", toolName: "f", input: "{}" }] },
    });
    const done = collect(model.stream(request));
    await clock.runAll();
    const parts = await done;
    expect(parts.map((p) => p.type)).toEqual([
      "response-metadata",
      "text-delta",
      "text-delta",
      "text-delta",
      "tool-call-start",
      "tool-call-delta",
      "tool-call",
      "finish",
    ]);
    const text = parts.map((p) => (p.type === "text-delta" ? p.delta : "")).join("");
    expect(text).toBe("Hello big world");
    const finish = parts.at(-1);
    expect(finish).toMatchObject({
      type: "finish",
      finishReason: { unified: "tool-calls" },
      usage: { inputTokens: countMessageTokens(request.messages) },
      timing: { timeToFirstTokenMs: 40, totalMs: 30 + 7 * 10 },
    });
    expect(model.streamCalls).toHaveLength(1);
  });

  it("falls back to generate's behaviour, sharing the list position", async () => {
    const model = new MockLanguageModel({ generate: ["first", "second"] });
    expect((await model.generate(request)).text).toBe("first");
    const parts = await collect(model.stream(request));
    expect(parts.filter((p) => p.type === "text-delta").map((p) => p.delta)).toEqual(["second"]);
  });

  it("plays an exact script and then throws its error, like a stream cut mid-way", async () => {
    const cut = failWith("transient", { message: "stream cut" });
    const model = new MockLanguageModel({
      stream: streamParts([{ type: "text-delta", delta: "par" }], { error: cut }),
    });
    const seen: StreamPart[] = [];
    const consume = async () => {
      for await (const part of model.stream(request)) seen.push(part);
    };
    await expect(consume()).rejects.toBe(cut);
    expect(seen).toEqual([{ type: "text-delta", delta: "par" }]);
  });

  it("throws an error result from the first next()", async () => {
    const model = new MockLanguageModel({ stream: failWith("overloaded") });
    const iterator = model.stream(request)[Symbol.asyncIterator]();
    await expect(iterator.next()).rejects.toMatchObject({ kind: "overloaded", status: 529 });
  });

  it("stops with kind aborted when the signal fires between parts", async () => {
    const clock = new ManualClock();
    const model = new MockLanguageModel({ clock, chunkDelayMs: 10, stream: "a b c d" });
    const controller = new AbortController();
    const iterator = model.stream(request, { signal: controller.signal })[Symbol.asyncIterator]();
    expect((await iterator.next()).value).toMatchObject({ type: "response-metadata" });
    const next = iterator.next();
    controller.abort();
    await expect(next).rejects.toMatchObject({ kind: "aborted" });
  });
});
