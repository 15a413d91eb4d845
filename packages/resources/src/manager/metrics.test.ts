import { ManualClock } from "@weft/core";
import { failWith, MockLanguageModel, type MockLanguageModelOptions } from "@weft/testing";
import { describe, expect, it } from "vitest";
import { managerWith, price, request, settleWith } from "./manager-test-kit.js";

/** A mock model whose every answer reports 100 input and 10 output tokens unless told otherwise. */
function pricedModel(clock: ManualClock, options: MockLanguageModelOptions = {}): MockLanguageModel {
  return new MockLanguageModel({ clock, usage: { inputTokens: 100, outputTokens: 10 }, ...options });
}

describe("metrics snapshot", () => {
  it("counts calls, errors by kind, retries, 429s, tokens, cost and latency per alias and endpoint", async () => {
    const clock = new ManualClock();
    const model = pricedModel(clock, {
      delayMs: (call) => (call.index + 1) * 100,
      generate: [failWith("rate_limit", { retryAfterMs: 10 }), "a", "b", failWith("invalid_request")],
    });
    const { manager } = managerWith(
      { aliases: { fast: { model, pricing: price, adaptive: false } } },
      { clock },
    );
    await settleWith(clock, manager.generate("fast", request, { stream: false }));
    await settleWith(clock, manager.generate("fast", request, { stream: false }));
    await settleWith(clock, manager.generate("fast", request, { stream: false })).catch(() => {});
    const { aliases, endpoints, total, endpointStatus } = manager.snapshot();
    expect(aliases.fast).toMatchObject({
      calls: 3,
      succeeded: 2,
      failed: 1,
      attempts: 4,
      retries: 1,
      rateLimited: 1,
      errors: { rate_limit: 1, invalid_request: 1 },
      inputTokens: 200,
      outputTokens: 20,
      unpricedCalls: 0,
      inFlight: 0,
      latencyMs: { count: 2, p50: 200, max: 300 },
      queueWaitMs: { count: 4, max: 0 },
    });
    expect(aliases.fast?.costUsd).toBeCloseTo(0.00024, 12);
    expect(endpoints["fast#0"]).toMatchObject({ calls: 4, succeeded: 2, failed: 2 });
    expect(total.calls).toBe(3);
    expect(endpointStatus["fast#0"]).toMatchObject({ model: "mock:mock-model", inFlight: 0, rpm: undefined });
  });
});

describe("queue-wait percentiles", () => {
  it("measures attempts queued behind one slot exactly, on the manual clock", async () => {
    const clock = new ManualClock();
    const model = pricedModel(clock, { delayMs: 100, generate: "x" });
    const { manager, ofType } = managerWith(
      { aliases: { one: { model, maxConcurrent: 1, adaptive: false } } },
      { clock },
    );
    // 20 calls at once: the first takes the slot, call i starts when call i - 1 ends, at i x 100 ms.
    const calls = Array.from({ length: 20 }, () => manager.generate("one", request, { stream: false }));
    await clock.runAll();
    const results = await Promise.all(calls);
    expect(results.map((r) => r.timings.queueWaitMs)).toEqual(Array.from({ length: 20 }, (_, i) => i * 100));
    expect(ofType("call.queued")).toHaveLength(19);
    // Nearest rank over [0, 100, ..., 1900]: p50 is the 10th value, p95 the 19th.
    const expected = { count: 20, p50: 900, p90: 1_700, p95: 1_800, p99: 1_900, max: 1_900 };
    expect(manager.snapshot().aliases.one?.queueWaitMs).toEqual(expected);
    expect(manager.snapshot().endpoints["one#0"]?.queueWaitMs).toEqual(expected);
    expect(manager.snapshot().aliases.one?.latencyMs).toMatchObject({ count: 20, p50: 100, p95: 100 });
  });
});
