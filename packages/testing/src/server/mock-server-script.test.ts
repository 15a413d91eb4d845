import type Anthropic from "@anthropic-ai/sdk";
import type OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { drain, rejectionOf, sdkClients } from "../test-support/clients.js";
import { type MockServer, startMockServer } from "./mock-server.js";
import { TAG_HEADER } from "./router.js";

let server: MockServer;
let openai: OpenAI;
let anthropic: Anthropic;
beforeAll(async () => {
  server = await startMockServer();
  ({ openai, anthropic } = sdkClients(server));
});
afterAll(() => server.close());
beforeEach(() => {
  server.reset();
  server.setScriptedReplies([]);
});

const messages = [{ role: "user" as const, content: "Hi" }];
const tagged = (tag: string) => ({ headers: { [TAG_HEADER]: tag } });
const completion = {
  id: "chatcmpl-scripted",
  object: "chat.completion",
  created: 1,
  model: "gpt-4o-mini-2024-07-18",
  choices: [{ index: 0, message: { role: "assistant", content: "Scripted!" }, finish_reason: "stop" }],
  usage: { prompt_tokens: 9, completion_tokens: 2, total_tokens: 11 },
};

describe("scripted replies", () => {
  it("sends a JSON reply as given to requests with its tag, at most count times", async () => {
    server.setScriptedReplies([
      {
        tag: "mine",
        count: 1,
        reply: { body: completion, headers: { "x-ratelimit-remaining-requests": "3" } },
      },
    ]);
    const { data, response } = await openai.chat.completions
      .create({ model: "gpt-4o-mini", messages }, tagged("mine"))
      .withResponse();
    expect(data).toEqual(completion);
    expect(response.headers.get("x-ratelimit-remaining-requests")).toBe("3");
    expect(response.headers.get("x-request-id")).toBeNull(); // nothing generated is added
    const untagged = await openai.chat.completions.create({ model: "gpt-4o-mini", messages });
    expect(untagged.id).not.toBe(completion.id);
    const spent = await openai.chat.completions.create({ model: "gpt-4o-mini", messages }, tagged("mine"));
    expect(spent.id).not.toBe(completion.id);
    server.reset();
    const again = await openai.chat.completions.create({ model: "gpt-4o-mini", messages }, tagged("mine"));
    expect(again.id).toBe(completion.id);
  });

  it("sends error statuses with their headers, so SDK error paths run", async () => {
    const body = { type: "error", error: { type: "rate_limit_error", message: "slow down" } };
    server.setScriptedReplies([
      { path: "/v1/messages", reply: { status: 429, headers: { "retry-after": "4" }, body } },
    ]);
    const error = (await rejectionOf(
      anthropic.messages.create({ model: "claude-sonnet-4-6", max_tokens: 16, messages }),
    )) as { status: number; headers: Headers; error: unknown };
    expect(error.status).toBe(429);
    expect(error.headers.get("retry-after")).toBe("4");
    expect(error.error).toEqual(body);
    expect(server.requests[0]).toMatchObject({ status: 429, outcome: "completed", fault: undefined });
  });

  it("streams scripted events in order and ends, logging what it sent", async () => {
    const start = {
      type: "message_start",
      message: {
        id: "msg_s",
        type: "message",
        role: "assistant",
        model: "m",
        content: [],
        stop_reason: null,
        usage: { input_tokens: 1, output_tokens: 1 },
      },
    };
    const error = { type: "error", error: { type: "overloaded_error", message: "Overloaded" } };
    server.setScriptedReplies([
      {
        reply: {
          events: [
            { event: "message_start", data: start },
            { event: "error", data: error },
          ],
        },
      },
    ]);
    const stream = await anthropic.messages.create({
      model: "claude-sonnet-4-6",
      max_tokens: 16,
      messages,
      stream: true,
    });
    const { items, error: failure } = await drain(stream);
    expect(items).toEqual([start]);
    expect(failure).toMatchObject({ error });
    expect(server.requests[0]).toMatchObject({
      stream: true,
      status: 200,
      eventsSent: 2,
      eventsPlanned: 2,
      outcome: "completed",
    });
  });

  it("holds a streamed reply open after its events until the client leaves", async () => {
    const chunk = {
      id: "c",
      object: "chat.completion.chunk",
      created: 1,
      model: "m",
      choices: [{ index: 0, delta: { content: "a" }, finish_reason: null }],
    };
    server.setScriptedReplies([{ tag: "held", reply: { events: [{ data: chunk }], hold: true } }]);
    const controller = new AbortController();
    const stream = await openai.chat.completions.create(
      { model: "gpt-4o-mini", messages, stream: true },
      { ...tagged("held"), signal: controller.signal },
    );
    const iterator = stream[Symbol.asyncIterator]();
    expect((await iterator.next()).value).toEqual(chunk);
    const next = iterator.next();
    expect(server.requests[0]).toMatchObject({ outcome: "pending", eventsSent: 1 });
    controller.abort();
    await next.catch(() => undefined); // the SDK ends an aborted stream quietly or with an abort error
    const record = await server.waitForRequest((request) => request.tag === "held");
    expect(record).toMatchObject({ outcome: "client_closed", eventsSent: 1, eventsPlanned: 1 });
  });

  it("still validates the request: one the real API rejects gets its 400, not the script", async () => {
    server.setScriptedReplies([{ reply: { body: completion } }]);
    const error = (await rejectionOf(
      openai.chat.completions.create({ model: "gpt-4o-mini", messages, max_token: 5 } as never),
    )) as { status: number };
    expect(error.status).toBe(400);
    expect(await openai.chat.completions.create({ model: "gpt-4o-mini", messages })).toEqual(completion);
  });
});
