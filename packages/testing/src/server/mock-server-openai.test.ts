import type OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { sdkClients } from "../test-support/clients.js";
import { type MockServer, startMockServer } from "./mock-server.js";

let server: MockServer;
let openai: OpenAI;
const messages = [{ role: "user" as const, content: "What is weft?" }];

beforeAll(async () => {
  server = await startMockServer({ seed: 7 });
  openai = sdkClients(server).openai;
});
afterAll(() => server.close());
beforeEach(() => server.reset());

describe("mock server, OpenAI chat completions", () => {
  it("answers JSON with text, usage counted and rate-limit headers", async () => {
    const { data, response } = await openai.chat.completions
      .create({ model: "gpt-4o", messages })
      .withResponse();
    const choice = data.choices[0];
    expect(choice?.message.content).toMatch(/\w+/);
    expect(choice?.finish_reason).toBe("stop");
    expect(data.usage?.prompt_tokens).toBeGreaterThan(0);
    expect(data.usage?.total_tokens).toBe(
      (data.usage?.prompt_tokens ?? 0) + (data.usage?.completion_tokens ?? 0),
    );
    expect(response.headers.get("x-ratelimit-limit-requests")).toBe("1000000");
    expect(response.headers.get("x-ratelimit-remaining-requests")).toBe("999999");
    expect(response.headers.get("x-request-id")).toMatch(/^req_/);
    expect(server.requests[0]).toMatchObject({
      path: "/v1/chat/completions",
      protocol: "openai",
      status: 200,
      outcome: "completed",
    });
  });

  it("is deterministic: same request and seed, same reply; another seed, another reply", async () => {
    const first = await openai.chat.completions.create({ model: "gpt-4o", messages });
    const again = await openai.chat.completions.create({ model: "gpt-4o", messages });
    expect(again.choices[0]?.message.content).toBe(first.choices[0]?.message.content);
    const other = await startMockServer({ seed: 8 });
    const otherReply = await sdkClients(other).openai.chat.completions.create({ model: "gpt-4o", messages });
    await other.close();
    expect(otherReply.choices[0]?.message.content).not.toBe(first.choices[0]?.message.content);
  });

  it("streams the same text as JSON would, with a usage chunk when asked", async () => {
    const json = await openai.chat.completions.create({ model: "gpt-4o", messages });
    const stream = await openai.chat.completions.create({
      model: "gpt-4o",
      messages,
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = "";
    const finishes: (string | null | undefined)[] = [];
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? "";
      if (chunk.choices[0]?.finish_reason) finishes.push(chunk.choices[0].finish_reason);
      if (chunk.usage) usage = chunk.usage;
    }
    expect(text).toBe(json.choices[0]?.message.content);
    expect(finishes).toEqual(["stop"]);
    expect(usage).toEqual(json.usage);
    expect(server.requests[1]).toMatchObject({ stream: true, outcome: "completed" });
    expect(server.requests[1]?.eventsSent).toBe(server.requests[1]?.eventsPlanned);
  });

  it("sends no usage chunk without stream_options.include_usage", async () => {
    const stream = await openai.chat.completions.create({ model: "gpt-4o", messages, stream: true });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.some((chunk) => chunk.usage)).toBe(false);
  });

  it("cuts the reply at max_tokens with finish_reason length", async () => {
    const reply = await openai.chat.completions.create({ model: "gpt-4o", messages, max_tokens: 3 });
    expect(reply.choices[0]?.finish_reason).toBe("length");
    expect(reply.usage?.completion_tokens).toBeLessThanOrEqual(3);
  });

  it("sends reasoning_content for reasoning models and counts hidden reasoning for o-series", async () => {
    const visible = await openai.chat.completions.create({ model: "deepseek-reasoner", messages });
    const message = visible.choices[0]?.message as unknown as { reasoning_content?: string };
    expect(message.reasoning_content).toMatch(/^Thinking it over/);
    const hidden = await openai.chat.completions.create({
      model: "o3-mini",
      messages,
      max_completion_tokens: 500,
    });
    expect(hidden.usage?.completion_tokens_details?.reasoning_tokens).toBeGreaterThan(0);
    expect(
      (hidden.choices[0]!.message as unknown as { reasoning_content?: string }).reasoning_content,
    ).toBeUndefined();
  });

  it("reports cached tokens when a long prompt prefix repeats", async () => {
    const longSystem = { role: "system" as const, content: "weft ".repeat(1500) };
    const first = await openai.chat.completions.create({
      model: "gpt-4o",
      messages: [longSystem, { role: "user", content: "one" }],
    });
    const second = await openai.chat.completions.create({
      model: "gpt-4o",
      messages: [longSystem, { role: "user", content: "two" }],
    });
    expect(first.usage?.prompt_tokens_details?.cached_tokens).toBe(0);
    const cached = second.usage?.prompt_tokens_details?.cached_tokens ?? 0;
    expect(cached).toBeGreaterThanOrEqual(1024);
    expect(cached % 128).toBe(0);
    expect(cached).toBeLessThan(second.usage?.prompt_tokens ?? 0);
  });

  it("logs requests with credentials redacted", async () => {
    await openai.chat.completions.create({ model: "gpt-4o", messages });
    const logged = server.requests[0];
    expect(logged?.headers.authorization).toBe("[redacted]");
    expect(JSON.stringify(server.requests)).not.toContain("sk-test-secret");
    expect(logged?.body).toMatchObject({ model: "gpt-4o", messages });
  });
});
