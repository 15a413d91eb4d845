import type { GenerateRequest, StreamPart } from "@weft/provider";
import { FAULT_HEADER, type MockServer, startMockServer, TAG_HEADER } from "@weft/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createAnthropic } from "./anthropic-provider.js";

// createAnthropic over real HTTP against @weft/testing's mock server. Generated replies cover the normal flow;
// scripted replies (matched by the x-weft-mock-tag header) give exact wire details: a dated model id, cache
// usage, an error event right after message_start, a retry-after in whole seconds.
let server: MockServer;
const apiKey = "sk-ant-weft-test-0123456789";
beforeAll(async () => {
  // Only this key is accepted, so a successful call proves the SDK sent it. With 8 RPM, and the log and
  // buckets reset before each test, the second request of a test sees 6 requests remaining.
  server = await startMockServer({ apiKeys: [apiKey], limits: { rpm: 8 } });
});
afterAll(() => server.close());
beforeEach(() => {
  server.reset();
  server.setScriptedReplies([]);
});

const model = () =>
  createAnthropic({ apiKey, baseURL: server.anthropicBaseURL }).languageModel("claude-sonnet-4-6");
const ask = (tag?: string): GenerateRequest => ({
  messages: [{ role: "user", content: "Hi" }],
  ...(tag ? { headers: { [TAG_HEADER]: tag } } : {}),
});
const messageStart = {
  type: "message_start",
  message: {
    id: "msg_1",
    type: "message",
    role: "assistant",
    model: "claude-sonnet-4-6",
    content: [],
    stop_reason: null,
    usage: { input_tokens: 4, output_tokens: 1 },
  },
};

async function collect(stream: AsyncIterable<StreamPart>): Promise<{ parts: StreamPart[]; error: unknown }> {
  const parts: StreamPart[] = [];
  try {
    for await (const part of stream) parts.push(part);
    return { parts, error: undefined };
  } catch (error) {
    return { parts, error };
  }
}

describe("createAnthropic over HTTP", () => {
  it("posts to /v1/messages with the system prompt lifted out and reads the reply", async () => {
    const body = {
      id: "msg_1",
      type: "message",
      role: "assistant",
      model: "claude-sonnet-4-6-20250929",
      content: [{ type: "text", text: "Hello!" }],
      stop_reason: "end_turn",
      usage: {
        input_tokens: 3,
        output_tokens: 2,
        cache_read_input_tokens: 10,
        cache_creation_input_tokens: 0,
      },
    };
    const headers = { "anthropic-ratelimit-tokens-remaining": "900" };
    server.setScriptedReplies([{ tag: "hello", reply: { body, headers } }]);
    const result = await model().generate({
      ...ask("hello"),
      messages: [
        { role: "system", content: "Be kind." },
        { role: "user", content: "Hi" },
      ],
    });
    expect(server.requests[0]).toMatchObject({
      path: "/v1/messages",
      body: {
        system: "Be kind.",
        max_tokens: 4096,
        messages: [{ role: "user", content: [{ type: "text", text: "Hi" }] }],
      },
    });
    expect(result).toMatchObject({
      text: "Hello!",
      finishReason: { unified: "stop", raw: "end_turn" },
      usage: { inputTokens: 13, outputTokens: 2, cachedInputTokens: 10, cacheWriteInputTokens: 0 },
      response: { id: "msg_1", modelId: "claude-sonnet-4-6-20250929" },
      rateLimit: { remainingTokens: 900 },
    });
  });

  it("measures stream timing on the injected clock", async () => {
    let t = 0;
    const timed = createAnthropic({
      apiKey,
      baseURL: server.anthropicBaseURL,
      clock: { now: () => (t += 10) },
    }).languageModel("claude-sonnet-4-6");
    const { parts } = await collect(timed.stream(ask()));
    expect(parts.at(-1)).toMatchObject({ type: "finish", timing: { timeToFirstTokenMs: 10, totalMs: 20 } });
  });

  it("streams what generate answers, with rate-limit headers and usage", async () => {
    const whole = await model().generate(ask());
    const { parts, error } = await collect(model().stream(ask()));
    expect(error).toBeUndefined();
    const record = server.requests.at(-1);
    expect(record?.body).toMatchObject({ stream: true });
    expect(parts[0]).toMatchObject({ type: "response-metadata", rateLimit: { remainingRequests: 6 } });
    const deltas = parts.flatMap((p) => (p.type === "text-delta" ? [p.delta] : []));
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join("")).toBe(whole.text);
    expect(parts.at(-1)).toMatchObject({
      type: "finish",
      finishReason: { unified: "stop", raw: "end_turn" },
      usage: { inputTokens: record?.usage?.inputTokens, outputTokens: record?.usage?.outputTokens },
    });
  });

  it("classifies an overloaded_error event right after message_start inside a 200 stream", async () => {
    const overloaded = { type: "error", error: { type: "overloaded_error", message: "Overloaded" } };
    const events = [
      { event: "message_start", data: messageStart },
      { event: "error", data: overloaded },
    ];
    server.setScriptedReplies([{ tag: "overloaded", reply: { events } }]);
    const { parts, error } = await collect(model().stream(ask("overloaded")));
    expect(error).toMatchObject({ kind: "overloaded", isRetryable: true, provider: "anthropic.messages" });
    expect(parts.map((p) => p.type)).toEqual(["response-metadata"]);
  });

  it("rejects with kind aborted and closes the connection when the caller aborts", async () => {
    const events = [{ event: "message_start", data: messageStart }];
    server.setScriptedReplies([{ tag: "held", reply: { events, hold: true } }]);
    const controller = new AbortController();
    const iterator = model().stream(ask("held"), { signal: controller.signal })[Symbol.asyncIterator]();
    expect((await iterator.next()).value).toMatchObject({ type: "response-metadata" });
    const pending = iterator.next();
    controller.abort();
    await expect(pending).rejects.toMatchObject({ kind: "aborted" });
    const record = await server.waitForRequest((request) => request.tag === "held");
    expect(record.outcome).toBe("client_closed");
  });

  it("maps 429 rate_limit_error with a retry-after in seconds, and 529 overloaded_error", async () => {
    const limited = { type: "error", error: { type: "rate_limit_error", message: "slow down" } };
    server.setScriptedReplies([
      { tag: "limited", reply: { status: 429, headers: { "retry-after": "4" }, body: limited } },
    ]);
    await expect(model().generate(ask("limited"))).rejects.toMatchObject({
      kind: "rate_limit",
      retryAfterMs: 4000,
    });
    const overloaded = { ...ask(), headers: { [FAULT_HEADER]: "overloaded" } };
    await expect(model().generate(overloaded)).rejects.toMatchObject({ kind: "overloaded", status: 529 });
  });

  it("rejects with kind auth for a key the server does not accept", async () => {
    const wrongKey = createAnthropic({ apiKey: "sk-ant-other", baseURL: server.anthropicBaseURL });
    await expect(wrongKey.languageModel("claude-sonnet-4-6").generate(ask())).rejects.toMatchObject({
      kind: "auth",
      status: 401,
    });
  });
});
