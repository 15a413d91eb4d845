import type { GenerateRequest, StreamPart } from "@weft/provider";
import { type MockServer, startMockServer, TAG_HEADER } from "@weft/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createOpenAI } from "./openai-provider.js";

// createOpenAI over real HTTP against @weft/testing's mock server. Generated replies cover the normal flow;
// scripted replies (matched by the x-weft-mock-tag header) give exact wire details: a dated model id, chosen
// header values, an error body that echoes the key.
let server: MockServer;
const apiKey = "sk-weft-test-0123456789";
beforeAll(async () => {
  // Only this key is accepted, so a successful call proves the SDK sent it.
  server = await startMockServer({ apiKeys: [apiKey] });
});
afterAll(() => server.close());
beforeEach(() => {
  server.reset();
  server.setScriptedReplies([]);
});

const model = (id = "gpt-4o-mini") =>
  createOpenAI({ apiKey, baseURL: server.openaiBaseURL }).languageModel(id);
const ask = (tag?: string): GenerateRequest => ({
  messages: [{ role: "user", content: "Hi" }],
  ...(tag ? { headers: { [TAG_HEADER]: tag } } : {}),
});
const completion = {
  id: "chatcmpl-1",
  object: "chat.completion",
  created: 1,
  model: "gpt-4o-mini-2024-07-18",
  choices: [{ index: 0, message: { role: "assistant", content: "Hello!" }, finish_reason: "stop" }],
  usage: { prompt_tokens: 9, completion_tokens: 2, prompt_tokens_details: { cached_tokens: 4 } },
};

describe("createOpenAI over HTTP", () => {
  it("generates text with usage, response info and rate-limit headers, authenticated with its key", async () => {
    const headers = { "x-ratelimit-remaining-requests": "99", "x-ratelimit-reset-tokens": "6m0s" };
    server.setScriptedReplies([{ tag: "hello", reply: { body: completion, headers } }]);
    const result = await model().generate(ask("hello"));
    expect(result).toMatchObject({
      text: "Hello!",
      toolCalls: [],
      finishReason: { unified: "stop", raw: "stop" },
      usage: { inputTokens: 9, outputTokens: 2, cachedInputTokens: 4, reasoningTokens: undefined },
      response: { id: "chatcmpl-1", modelId: "gpt-4o-mini-2024-07-18" },
      rateLimit: { remainingRequests: 99, resetTokensMs: 360_000 },
    });
    const wrongKey = createOpenAI({ apiKey: "sk-other", baseURL: server.openaiBaseURL }).languageModel("m");
    await expect(wrongKey.generate(ask())).rejects.toMatchObject({ kind: "auth", status: 401 });
  });

  it("measures timing on the injected clock", async () => {
    let t = 1_000;
    const timed = createOpenAI({
      apiKey,
      baseURL: server.openaiBaseURL,
      clock: { now: () => (t += 25) },
    }).languageModel("gpt-4o-mini");
    const result = await timed.generate(ask());
    expect(result.timing).toEqual({ timeToFirstTokenMs: undefined, totalMs: 25 });
  });

  it("streams what generate answers, sending stream_options.include_usage and reading the usage chunk", async () => {
    const whole = await model().generate(ask());
    const parts: StreamPart[] = [];
    for await (const part of model().stream(ask())) parts.push(part);
    const record = server.requests.at(-1);
    expect(record?.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
    const deltas = parts.flatMap((p) => (p.type === "text-delta" ? [p.delta] : []));
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join("")).toBe(whole.text);
    expect(parts.at(-1)).toMatchObject({
      type: "finish",
      usage: { inputTokens: record?.usage?.inputTokens, outputTokens: record?.usage?.outputTokens },
    });
  });

  it("rejects with kind aborted and closes the connection when the caller aborts mid-stream", async () => {
    const chunk = {
      id: "c",
      object: "chat.completion.chunk",
      created: 1,
      model: "m",
      choices: [{ index: 0, delta: { content: "a" }, finish_reason: null }],
    };
    server.setScriptedReplies([{ tag: "held", reply: { events: [{ data: chunk }], hold: true } }]);
    const controller = new AbortController();
    const iterator = model().stream(ask("held"), { signal: controller.signal })[Symbol.asyncIterator]();
    expect((await iterator.next()).value).toMatchObject({ type: "response-metadata" });
    expect((await iterator.next()).value).toMatchObject({ type: "text-delta", delta: "a" });
    const pending = iterator.next();
    controller.abort();
    await expect(pending).rejects.toMatchObject({ kind: "aborted" });
    const record = await server.waitForRequest((request) => request.tag === "held");
    expect(record.outcome).toBe("client_closed");
  });

  it("maps a 429 with retry-after-ms to rate_limit and never leaks the key the body echoes", async () => {
    const body = {
      error: { message: `Rate limit reached for ${apiKey}`, type: "requests", code: "rate_limit_exceeded" },
    };
    server.setScriptedReplies([
      { tag: "limited", reply: { status: 429, body, headers: { "retry-after-ms": "1200" } } },
    ]);
    const error = await model()
      .generate(ask("limited"))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      kind: "rate_limit",
      status: 429,
      retryAfterMs: 1200,
      provider: "openai.chat",
    });
    expect(`${(error as Error).message} ${JSON.stringify(error)}`).not.toContain(apiKey);
  });

  it("rejects with kind auth when no API key is configured, without sending a request", async () => {
    const saved = process.env.OPENAI_API_KEY;
    delete process.env.OPENAI_API_KEY;
    try {
      const keyless = createOpenAI({ baseURL: server.openaiBaseURL }).languageModel("gpt-4o-mini");
      await expect(keyless.generate(ask())).rejects.toMatchObject({ kind: "auth" });
    } finally {
      if (saved !== undefined) process.env.OPENAI_API_KEY = saved;
    }
    expect(server.requests).toHaveLength(0);
  });
});
