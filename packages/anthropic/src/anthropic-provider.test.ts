import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { StreamPart } from "@weft/provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAnthropic } from "./anthropic-provider.js";

// A tiny scripted Messages API server: each test sets `reply` for the next request.
type Reply = (body: Record<string, unknown>, response: ServerResponse) => void;
let reply: Reply = () => {};
const seen: {
  url: string | undefined;
  headers: IncomingMessage["headers"];
  body: Record<string, unknown>;
}[] = [];
let server: Server;
let baseURL = "";

beforeAll(async () => {
  server = createServer((request, response) => {
    let raw = "";
    request.on("data", (chunk) => (raw += chunk));
    request.on("end", () => {
      const body = JSON.parse(raw) as Record<string, unknown>;
      seen.push({ url: request.url, headers: request.headers, body });
      reply(body, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const sse =
  (events: { event: string; data: unknown }[], end = true): Reply =>
  (_, response) => {
    response.writeHead(200, {
      "content-type": "text/event-stream",
      "anthropic-ratelimit-requests-remaining": "7",
    });
    for (const { event, data } of events)
      response.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    if (end) response.end();
  };
const apiKey = "sk-ant-weft-test-0123456789";
const model = () => createAnthropic({ apiKey, baseURL }).languageModel("claude-sonnet-4-6");
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

describe("createAnthropic over HTTP", () => {
  it("posts to /v1/messages with the system prompt lifted out and reads the reply", async () => {
    reply = (_, response) => {
      response.writeHead(200, {
        "content-type": "application/json",
        "anthropic-ratelimit-tokens-remaining": "900",
      });
      response.end(
        JSON.stringify({
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
        }),
      );
    };
    const result = await model().generate({
      messages: [
        { role: "system", content: "Be kind." },
        { role: "user", content: "Hi" },
      ],
    });
    expect(seen.at(-1)).toMatchObject({
      url: "/v1/messages",
      body: { system: "Be kind.", max_tokens: 4096 },
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
    reply = sse([
      { event: "message_start", data: messageStart },
      {
        event: "content_block_start",
        data: { type: "content_block_start", index: 0, content_block: { type: "text", text: "" } },
      },
      {
        event: "content_block_delta",
        data: { type: "content_block_delta", index: 0, delta: { type: "text_delta", text: "Hi" } },
      },
      { event: "content_block_stop", data: { type: "content_block_stop", index: 0 } },
      {
        event: "message_delta",
        data: { type: "message_delta", delta: { stop_reason: "end_turn" }, usage: { output_tokens: 1 } },
      },
      { event: "message_stop", data: { type: "message_stop" } },
    ]);
    let t = 0;
    const timed = createAnthropic({ apiKey, baseURL, clock: { now: () => (t += 10) } }).languageModel(
      "claude-sonnet-4-6",
    );
    let finish: StreamPart | undefined;
    for await (const part of timed.stream({ messages: [{ role: "user", content: "Hi" }] })) finish = part;
    expect(finish).toMatchObject({ type: "finish", timing: { timeToFirstTokenMs: 10, totalMs: 20 } });
  });

  it("streams text and finishes", async () => {
    reply = sse([
      { event: "message_start", data: messageStart },
      {
        event: "content_block_start",
        data: { type: "content_block_start", index: 0, content_block: { type: "text", text: "" } },
      },
      { event: "ping", data: { type: "ping" } },
      {
        event: "content_block_delta",
        data: { type: "content_block_delta", index: 0, delta: { type: "text_delta", text: "Hi!" } },
      },
      { event: "content_block_stop", data: { type: "content_block_stop", index: 0 } },
      {
        event: "message_delta",
        data: { type: "message_delta", delta: { stop_reason: "end_turn" }, usage: { output_tokens: 2 } },
      },
      { event: "message_stop", data: { type: "message_stop" } },
    ]);
    const parts: StreamPart[] = [];
    for await (const part of model().stream({ messages: [{ role: "user", content: "Hi" }] }))
      parts.push(part);
    expect(seen.at(-1)?.body.stream).toBe(true);
    expect(parts[0]).toMatchObject({ type: "response-metadata", rateLimit: { remainingRequests: 7 } });
    expect(parts.find((p) => p.type === "text-delta")).toEqual({ type: "text-delta", delta: "Hi!" });
    expect(parts.at(-1)).toMatchObject({ type: "finish", usage: { inputTokens: 4, outputTokens: 2 } });
  });

  it("classifies an overloaded_error event inside a 200 stream", async () => {
    reply = sse([
      { event: "message_start", data: messageStart },
      { event: "error", data: { type: "error", error: { type: "overloaded_error", message: "Overloaded" } } },
    ]);
    const parts: StreamPart[] = [];
    const failure = (async () => {
      for await (const part of model().stream({ messages: [{ role: "user", content: "Hi" }] }))
        parts.push(part);
    })();
    await expect(failure).rejects.toMatchObject({
      kind: "overloaded",
      isRetryable: true,
      provider: "anthropic.messages",
    });
    expect(parts.map((p) => p.type)).toEqual(["response-metadata"]);
  });

  it("rejects with kind aborted and closes the connection when the caller aborts", async () => {
    let closed: Promise<void> = Promise.resolve();
    reply = (body, response) => {
      closed = new Promise((resolve) => response.on("close", () => resolve()));
      sse([{ event: "message_start", data: messageStart }], false)(body, response);
    };
    const controller = new AbortController();
    const iterator = model()
      .stream({ messages: [{ role: "user", content: "Hi" }] }, { signal: controller.signal })
      [Symbol.asyncIterator]();
    expect((await iterator.next()).value).toMatchObject({ type: "response-metadata" });
    const pending = iterator.next();
    controller.abort();
    await expect(pending).rejects.toMatchObject({ kind: "aborted" });
    await closed;
  });

  it("maps 429 rate_limit_error with retry-after and 529 overloaded_error", async () => {
    reply = (_, response) => {
      response.writeHead(429, { "content-type": "application/json", "retry-after": "4" });
      response.end(
        JSON.stringify({ type: "error", error: { type: "rate_limit_error", message: "slow down" } }),
      );
    };
    await expect(model().generate({ messages: [{ role: "user", content: "Hi" }] })).rejects.toMatchObject({
      kind: "rate_limit",
      retryAfterMs: 4000,
    });
    reply = (_, response) => {
      response.writeHead(529, { "content-type": "application/json" });
      response.end(
        JSON.stringify({ type: "error", error: { type: "overloaded_error", message: "Overloaded" } }),
      );
    };
    await expect(model().generate({ messages: [{ role: "user", content: "Hi" }] })).rejects.toMatchObject({
      kind: "overloaded",
      status: 529,
    });
  });
});
