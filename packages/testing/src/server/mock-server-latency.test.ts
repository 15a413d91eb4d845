import { ManualClock } from "@weft/core";
import { afterEach, describe, expect, it } from "vitest";
import { sdkClients } from "../test-support/clients.js";
import { until } from "../test-support/until.js";
import { applyLatency } from "./latency/latency-model.js";
import { type MockServer, startMockServer } from "./mock-server.js";

const messages = [{ role: "user" as const, content: "How long does weaving take?" }];
let server: MockServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("latency model", () => {
  it("holds a JSON reply for time to first token plus per-token time, and logs what it applied", async () => {
    const clock = new ManualClock();
    server = await startMockServer({ clock, latency: { timeToFirstTokenMs: 200, perTokenMs: 5 } });
    const live = server;
    const reply = sdkClients(live).openai.chat.completions.create({ model: "gpt-4o", messages });
    await until(() => clock.pending === 1, "the server to wait");
    const record = () => live.requests[0];
    const outputTokens = record()?.usage?.outputTokens ?? 0;
    const totalMs = 200 + 5 * outputTokens;
    expect(outputTokens).toBeGreaterThan(0);
    expect(record()?.latency).toEqual({ timeToFirstTokenMs: 200, perTokenMs: 5, totalMs });
    // Server-side state, not the client's promise: a wake-up before the total would already have written
    // the status line when advance() returns (advance lets woken code run before it resolves).
    await clock.advance(totalMs - 1);
    expect(record()).toMatchObject({ status: undefined, replyStartTime: undefined, outcome: "pending" });
    await clock.advance(1);
    expect((await reply).usage?.completion_tokens).toBe(outputTokens);
    expect(record()).toMatchObject({ status: 200, time: 0, replyStartTime: totalMs });
  });

  it("paces a stream: metadata at once, first content after the time to first token, then per token", async () => {
    const clock = new ManualClock();
    server = await startMockServer({ clock, latency: { timeToFirstTokenMs: 300, perTokenMs: 10 } });
    const live = server;
    const stream = await sdkClients(live).anthropic.messages.create({
      model: "claude-haiku-4-5",
      max_tokens: 256,
      messages,
      stream: true,
    });
    const consumed = (async () => {
      for await (const _event of stream);
    })();
    const record = () => live.requests[0];
    await until(() => clock.pending === 1, "the stream to wait");
    expect(record()?.eventsSent).toBe(3); // message_start, the text block's start and a ping
    await clock.advance(299);
    expect(record()?.eventsSent).toBe(3);
    const total = record()?.latency?.totalMs ?? 0;
    await clock.advance(Math.round((total - 299) / 2));
    expect(record()?.eventsSent).toBeGreaterThan(3);
    expect(record()?.eventsSent).toBeLessThan(record()?.eventsPlanned ?? 0);
    await clock.runAll();
    await consumed;
    expect(record()).toMatchObject({ outcome: "completed", replyStartTime: 0 });
    expect(clock.now()).toBe(record()?.latency?.totalMs);
  });

  it("jitters deterministically per request and seed, within the configured spread", () => {
    const latency = { timeToFirstTokenMs: 1_000, perTokenMs: 10, jitter: 0.5 };
    const a = applyLatency(latency, "request-a", 1, 20);
    expect(applyLatency(latency, "request-a", 1, 20)).toEqual(a);
    expect(applyLatency(latency, "request-a", 2, 20)).not.toEqual(a);
    const samples = Array.from(
      { length: 50 },
      (_, i) => applyLatency(latency, `r${i}`, 1, 20).timeToFirstTokenMs,
    );
    expect(Math.min(...samples)).toBeGreaterThanOrEqual(500);
    expect(Math.max(...samples)).toBeLessThanOrEqual(1_500);
    expect(new Set(samples).size).toBeGreaterThan(40);
    expect(applyLatency({}, "x", 1, 100)).toEqual({ timeToFirstTokenMs: 0, perTokenMs: 0, totalMs: 0 });
  });

  it("spreads lognormally around the configured medians, seeded per request", () => {
    const latency = { timeToFirstTokenMs: 20, perTokenMs: 1, lognormalSigma: 0.5, jitter: 0.9 };
    const a = applyLatency(latency, "request-a", 1, 10);
    expect(applyLatency(latency, "request-a", 1, 10)).toEqual(a);
    // One factor per request: a slow request is slow to its first token and per token alike.
    expect(a.timeToFirstTokenMs / 20).toBeCloseTo(a.perTokenMs / 1, 10);
    const logs = Array.from({ length: 4_000 }, (_, i) =>
      Math.log(applyLatency(latency, `r${i}`, 7, 0).timeToFirstTokenMs / 20),
    );
    const mean = logs.reduce((sum, x) => sum + x, 0) / logs.length;
    const sd = Math.sqrt(logs.reduce((sum, x) => sum + (x - mean) ** 2, 0) / logs.length);
    expect(Math.abs(mean)).toBeLessThan(0.05); // the median is the configured value
    expect(sd).toBeGreaterThan(0.45);
    expect(sd).toBeLessThan(0.55);
    // A long right tail, beyond what the (replaced) uniform jitter of 0.9 could give.
    expect(Math.max(...logs)).toBeGreaterThan(Math.log(1.9));
  });
});
