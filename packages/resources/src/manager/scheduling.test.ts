import { ManualClock } from "@weft/core";
import { MockLanguageModel, type MockLanguageModelOptions } from "@weft/testing";
import { describe, expect, it } from "vitest";
import { managerWith, request } from "./manager-test-kit.js";

/** A mock model whose every answer reports 100 input and 10 output tokens unless told otherwise. */
function pricedModel(clock: ManualClock, options: MockLanguageModelOptions = {}): MockLanguageModel {
  return new MockLanguageModel({ clock, usage: { inputTokens: 100, outputTokens: 10 }, ...options });
}

describe("priority slots", () => {
  it("serves queued calls by priority, then arrival, with stable slot lanes", async () => {
    const clock = new ManualClock();
    const model = pricedModel(clock, { delayMs: 100, generate: (req) => req.messages[0]?.content ?? "" });
    const { manager, ofType } = managerWith(
      { aliases: { a: { model, maxConcurrent: 1, adaptive: false } } },
      { clock },
    );
    const ask = (content: string, priority: number) =>
      manager.generate("a", { messages: [{ role: "user", content }] }, { priority, stream: false });
    const calls = [ask("first", 0), ask("low", 0), ask("high", 9), ask("mid", 5)];
    await clock.runAll();
    await Promise.all(calls);
    expect(model.calls.map((c) => c.request.messages[0]?.content)).toEqual(["first", "high", "mid", "low"]);
    expect(ofType("call.started").map((e) => e.slot)).toEqual([0, 0, 0, 0]);
    expect(ofType("call.queued").map((e) => e.queueDepth)).toEqual([1, 2, 3]);
  });
});

describe("load balancing", () => {
  it("round robin gives each endpoint its weight's share, interleaved", async () => {
    const clock = new ManualClock();
    const { manager } = managerWith(
      {
        aliases: {
          a: {
            strategy: "round_robin",
            endpoints: [
              { id: "big", model: pricedModel(clock, { generate: "x" }), weight: 2 },
              { id: "small", model: pricedModel(clock, { generate: "x" }) },
            ],
          },
        },
      },
      { clock },
    );
    const answered: (string | undefined)[] = [];
    for (let i = 0; i < 6; i++) answered.push((await manager.generate("a", request)).endpoint);
    expect(answered).toEqual(["big", "small", "big", "big", "small", "big"]);
  });

  it("least loaded sends concurrent calls to the endpoint with the least work per weight", async () => {
    const clock = new ManualClock();
    const slow = pricedModel(clock, { delayMs: 1_000, generate: "x" });
    const fast = pricedModel(clock, { delayMs: 10, generate: "x" });
    const { manager } = managerWith(
      {
        aliases: {
          a: {
            endpoints: [
              { id: "slow", model: slow },
              { id: "fast", model: fast, weight: 3 },
            ],
          },
        },
      },
      { clock },
    );
    const calls = Array.from({ length: 8 }, () => manager.generate("a", request, { stream: false }));
    await clock.runAll();
    const endpoints = (await Promise.all(calls)).map((r) => r.endpoint);
    // Started together: loads 0/1 vs 0/3, 1/1 vs 1/3, ... so the weight-3 endpoint takes three in four.
    expect(endpoints.filter((e) => e === "fast")).toHaveLength(6);
    expect(endpoints.filter((e) => e === "slow")).toHaveLength(2);
  });

  it("shares a named endpoint's limits between the aliases that use it", async () => {
    const clock = new ManualClock();
    const { manager } = managerWith(
      {
        endpoints: {
          shared: { model: pricedModel(clock, { delayMs: 100, generate: "x" }), maxConcurrent: 1 },
        },
        aliases: { a: { endpoints: ["shared"] }, b: { endpoints: ["shared"] } },
      },
      { clock },
    );
    const both = [
      manager.generate("a", request, { stream: false }),
      manager.generate("b", request, { stream: false }),
    ];
    await clock.advance(0);
    expect(manager.snapshot().endpointStatus.shared).toMatchObject({ inFlight: 1, queued: 1 });
    await clock.runAll();
    const [first, second] = await Promise.all(both);
    expect(second?.timings.queueWaitMs).toBe(100);
    expect(first?.timings.queueWaitMs).toBe(0);
  });
});

describe("rate limits through the manager", () => {
  it("limits tokens per minute with the request's estimate and refunds the unused part", async () => {
    const clock = new ManualClock();
    // Each call is estimated at 22 input + 100 output = 122 tokens and reports 30 used, so it nets 30.
    const model = pricedModel(clock, { generate: "x", usage: { inputTokens: 20, outputTokens: 10 } });
    const { manager } = managerWith({ aliases: { a: { model, tpm: 12_200, adaptive: false } } }, { clock });
    const big = { ...request, maxTokens: 100 };
    const perMs = 12_200 / 60_000;
    const capacity = 12_200 / 60; // one second of tokens
    for (let i = 0; i < 3; i++) expect((await manager.generate("a", big)).timings.rateLimitWaitMs).toBe(0);
    const fourth = manager.generate("a", big);
    await clock.runAll();
    // 3 x 30 used: 113.3 left, short of 122 by 8.7 tokens.
    expect((await fourth).timings.rateLimitWaitMs).toBeCloseTo((122 - (capacity - 90)) / perMs, 6);
  });

  it("emits no call.throttled for a call granted at once, though the clock moves between reads", async () => {
    // Like the system clock, this one never reads the same time twice.
    class CreepingClock extends ManualClock {
      private reads = 0;
      override now(): number {
        return super.now() + ++this.reads * 0.001;
      }
    }
    const clock = new CreepingClock();
    const model = pricedModel(clock, { generate: { text: "x" } });
    const { manager, ofType } = managerWith(
      { aliases: { a: { model, rpm: 600, adaptive: false } } },
      { clock },
    );
    const answers = await Promise.all([1, 2, 3].map(() => manager.generate("a", request, { stream: false })));
    expect(answers.map((answer) => answer.timings.rateLimitWaitMs)).toEqual([0, 0, 0]);
    expect(ofType("call.started")).toHaveLength(3);
    expect(ofType("call.throttled")).toEqual([]);
  });

  it("corrects its buckets from the response headers", async () => {
    const clock = new ManualClock();
    const model = pricedModel(clock, {
      generate: { text: "x", rateLimit: { limitRequests: 60, remainingRequests: 0 } },
    });
    const { manager, ofType } = managerWith(
      { aliases: { a: { model, rpm: 6_000, adaptive: false } } },
      { clock },
    );
    await manager.generate("a", request, { stream: false });
    expect(ofType("limiter.adjusted")[0]).toMatchObject({
      endpoint: "a#0",
      reason: "headers",
      rpm: 60,
      previousRpm: 6_000,
    });
    const next = manager.generate("a", request, { stream: false });
    await clock.runAll();
    expect((await next).timings.rateLimitWaitMs).toBe(1_000);
    expect(ofType("call.throttled")).toMatchObject([{ endpoint: "a#0", attempt: 1, waitedMs: 1_000 }]);
  });
});
