import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { StreamPart } from "@weft/provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOpenAI } from "./openai-provider.js";

// A tiny scripted chat-completions server: each test sets `reply` for the next request.
type Reply = (request: IncomingMessage, body: Record<string, unknown>, response: ServerResponse) => void;
let reply: Reply = () => {};
const seen: { headers: IncomingMessage["headers"]; body: Record<string, unknown> }[] = [];
let server: Server;
let baseURL = "";

beforeAll(async () => {
  server = createServer((request, response) => {
    let raw = "";
    request.on("data", (chunk) => (raw += chunk));
    request.on("end", () => {
      const body = JSON.parse(raw) as Record<string, unknown>;
      seen.push({ headers: request.headers, body });
      reply(request, body, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Reply =>
  (_, __, response) => {
    response.writeHead(status, { "content-type": "application/json", ...headers });
    response.end(JSON.stringify(body));
  };
const sse =
  (chunks: unknown[]): Reply =>
  (_, __, response) => {
    response.writeHead(200, { "content-type": "text/event-stream" });
    for (const chunk of chunks) response.write(`data: ${JSON.stringify(chunk)}\n\n`);
    response.end("data: [DONE]\n\n");
  };
const completion = {
  id: "chatcmpl-1",
  object: "chat.completion",
  model: "gpt-4o-mini-2024-07-18",
  choices: [{ index: 0, message: { role: "assistant", content: "Hello!" }, finish_reason: "stop" }],
  usage: { prompt_tokens: 9, completion_tokens: 2, prompt_tokens_details: { cached_tokens: 4 } },
};
const apiKey = "sk-weft-test-0123456789";
const model = (id = "gpt-4o-mini") => createOpenAI({ apiKey, baseURL }).languageModel(id);

describe("createOpenAI over HTTP", () => {
  it("generates text with usage, response info and rate-limit headers", async () => {
    reply = json(200, completion, {
      "x-ratelimit-remaining-requests": "99",
      "x-ratelimit-reset-tokens": "6m0s",
    });
    const result = await model().generate({ messages: [{ role: "user", content: "Hi" }] });
    expect(result).toMatchObject({
      text: "Hello!",
      toolCalls: [],
      finishReason: { unified: "stop", raw: "stop" },
      usage: { inputTokens: 9, outputTokens: 2, cachedInputTokens: 4, reasoningTokens: undefined },
      response: { id: "chatcmpl-1", modelId: "gpt-4o-mini-2024-07-18" },
      rateLimit: { remainingRequests: 99, resetTokensMs: 360_000 },
    });
    expect(seen.at(-1)?.headers.authorization).toBe(`Bearer ${apiKey}`);
  });

  it("measures timing on the injected clock", async () => {
    reply = json(200, completion);
    let t = 1_000;
    const timed = createOpenAI({ apiKey, baseURL, clock: { now: () => (t += 25) } }).languageModel(
      "gpt-4o-mini",
    );
    const result = await timed.generate({ messages: [{ role: "user", content: "Hi" }] });
    expect(result.timing).toEqual({ timeToFirstTokenMs: undefined, totalMs: 25 });
  });

  it("streams and sends stream_options.include_usage", async () => {
    reply = sse([
      {
        id: "c",
        model: "m",
        choices: [{ index: 0, delta: { role: "assistant", content: "Hel" }, finish_reason: null }],
      },
      { id: "c", model: "m", choices: [{ index: 0, delta: { content: "lo" }, finish_reason: "stop" }] },
      { id: "c", model: "m", choices: [], usage: { prompt_tokens: 3, completion_tokens: 2 } },
    ]);
    const parts: StreamPart[] = [];
    for await (const part of model().stream({ messages: [{ role: "user", content: "Hi" }] }))
      parts.push(part);
    expect(seen.at(-1)?.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
    expect(
      parts.filter((p) => p.type === "text-delta").map((p) => (p.type === "text-delta" ? p.delta : "")),
    ).toEqual(["Hel", "lo"]);
    expect(parts.at(-1)).toMatchObject({ type: "finish", usage: { inputTokens: 3, outputTokens: 2 } });
  });

  it("rejects with kind aborted and closes the connection when the caller aborts mid-stream", async () => {
    let closed: Promise<void> = Promise.resolve();
    reply = (request, _, response) => {
      closed = new Promise((resolve) => response.on("close", () => resolve()));
      response.writeHead(200, { "content-type": "text/event-stream" });
      response.write(
        `data: ${JSON.stringify({ id: "c", model: "m", choices: [{ index: 0, delta: { content: "a" }, finish_reason: null }] })}\n\n`,
      );
      void request;
    };
    const controller = new AbortController();
    const iterator = model()
      .stream({ messages: [{ role: "user", content: "Hi" }] }, { signal: controller.signal })
      [Symbol.asyncIterator]();
    expect((await iterator.next()).value).toMatchObject({ type: "response-metadata" });
    expect((await iterator.next()).value).toMatchObject({ type: "text-delta", delta: "a" });
    const pending = iterator.next();
    controller.abort();
    await expect(pending).rejects.toMatchObject({ kind: "aborted" });
    await closed;
  });

  it("maps a 429 with retry-after-ms to rate_limit and never leaks the key", async () => {
    reply = json(
      429,
      {
        error: { message: `Rate limit reached for ${apiKey}`, type: "requests", code: "rate_limit_exceeded" },
      },
      { "retry-after-ms": "1200" },
    );
    const error = await model()
      .generate({ messages: [{ role: "user", content: "Hi" }] })
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
    const before = seen.length;
    const saved = process.env.OPENAI_API_KEY;
    delete process.env.OPENAI_API_KEY;
    try {
      const keyless = createOpenAI({ baseURL }).languageModel("gpt-4o-mini");
      await expect(keyless.generate({ messages: [{ role: "user", content: "Hi" }] })).rejects.toMatchObject({
        kind: "auth",
      });
    } finally {
      if (saved !== undefined) process.env.OPENAI_API_KEY = saved;
    }
    expect(seen.length).toBe(before);
  });
});
