import { ManualClock } from "@weft/core";
import { ProviderError } from "@weft/provider";
import { failWith, MockLanguageModel, type MockLanguageModelOptions, streamParts } from "@weft/testing";
import { describe, expect, it } from "vitest";
import { ResourceError } from "../errors/resource-error.js";
import { managerWith, price, request, settleWith } from "./manager-test-kit.js";

/** A mock model whose every answer reports 100 input and 10 output tokens unless told otherwise. */
function pricedModel(clock: ManualClock, options: MockLanguageModelOptions = {}): MockLanguageModel {
  return new MockLanguageModel({ clock, usage: { inputTokens: 100, outputTokens: 10 }, ...options });
}

const context = { runId: "r1", itemId: "i1", nodeId: "n1", modulePath: "root.llm" };

describe("ResourceManager.generate", () => {
  it("answers with cost, attempts, endpoint and timings, echoing the context on every event", async () => {
    const clock = new ManualClock();
    const { manager, events, types } = managerWith(
      { aliases: { fast: { model: pricedModel(clock, { generate: "hi" }), pricing: price } } },
      { clock },
    );
    const result = await manager.generate("fast", request, { context, stream: false });
    expect(result).toMatchObject({
      alias: "fast",
      requestedAlias: "fast",
      endpoint: "fast#0",
      attempts: 1,
      cached: false,
      response: { text: "hi" },
    });
    expect(result.costUsd).toBeCloseTo(0.00012, 12);
    expect(result.timings).toEqual({
      budgetWaitMs: 0,
      queueWaitMs: 0,
      rateLimitWaitMs: 0,
      retryWaitMs: 0,
      serviceMs: 0,
      totalMs: 0,
    });
    expect(types()).toEqual(["call.started", "call.finished"]);
    for (const event of events) expect(event.context).toEqual(context);
    expect(events[0]).toMatchObject({
      callId: result.callId,
      alias: "fast",
      endpoint: "fast#0",
      attempt: 1,
      slot: 0,
      model: "mock:mock-model",
    });
  });

  it("streams by default when the model can, publishing deltas", async () => {
    const clock = new ManualClock();
    const { manager, ofType } = managerWith(
      { aliases: { fast: { model: pricedModel(clock, { generate: "one two three" }) } } },
      { clock },
    );
    const result = await manager.generate("fast", request);
    expect(result.response.text).toBe("one two three");
    expect(ofType("call.started")[0]?.stream).toBe(true);
    expect(
      ofType("call.delta")
        .map((e) => e.delta)
        .join(""),
    ).toBe("one two three");
  });

  it("also sends every event to a caller's bus", async () => {
    const clock = new ManualClock();
    const seen: string[] = [];
    const { manager } = managerWith(
      { aliases: { fast: { model: pricedModel(clock, { generate: "hi" }) } } },
      { clock, events: { emit: (event) => seen.push(event.type) } },
    );
    await manager.generate("fast", request, { stream: false });
    expect(seen).toEqual(["call.started", "call.finished"]);
  });

  it("rejects an unknown alias with a ResourceError and a call.failed event", async () => {
    const { manager, ofType } = managerWith({
      aliases: { fast: { model: new MockLanguageModel({ generate: "x" }) } },
    });
    const error = await manager.generate("slow", request).catch((e: unknown) => e);
    expect(ResourceError.is(error) && error.code).toBe("unknown_alias");
    expect(ofType("call.failed")[0]).toMatchObject({ alias: "slow", errorCode: "unknown_alias" });
  });
});

describe("ResourceManager retry", () => {
  it("honours retry-after on a 429 and answers on the next attempt", async () => {
    const clock = new ManualClock();
    const model = pricedModel(clock, { generate: [failWith("rate_limit", { retryAfterMs: 1_500 }), "ok"] });
    const { manager, types, ofType } = managerWith(
      { aliases: { fast: { model, adaptive: false } } },
      { clock },
    );
    const result = await settleWith(clock, manager.generate("fast", request, { stream: false }));
    expect(result.attempts).toBe(2);
    expect(result.timings.retryWaitMs).toBe(1_500);
    expect(model.calls.map((c) => c.time)).toEqual([0, 1_500]);
    expect(types()).toEqual([
      "call.started",
      "call.attempt_failed",
      "call.rate_limited",
      "call.retry",
      "call.started",
      "call.finished",
    ]);
    expect(ofType("call.retry")[0]).toMatchObject({
      attempt: 1,
      nextAttempt: 2,
      delayMs: 1_500,
      errorKind: "rate_limit",
    });
    expect(ofType("call.rate_limited")[0]).toMatchObject({ status: 429, retryAfterMs: 1_500 });
  });

  it("backs off with jitter between transient failures and gives up after maxAttempts", async () => {
    const clock = new ManualClock();
    const model = pricedModel(clock, { generate: () => failWith("overloaded") });
    const { manager, ofType } = managerWith(
      { aliases: { fast: { model, adaptive: false, retry: { maxAttempts: 3, baseDelayMs: 100 } } } },
      { clock },
    );
    const error = await settleWith(clock, manager.generate("fast", request, { stream: false })).catch(
      (e: unknown) => e,
    );
    expect(ProviderError.is(error) && error.kind).toBe("overloaded");
    expect(ofType("call.retry").map((e) => e.delayMs)).toEqual([50, 100]); // random 0.5 of 100, 200
    expect(model.calls.map((c) => c.time)).toEqual([0, 50, 150]);
    expect(ofType("call.failed")[0]).toMatchObject({ attempts: 3, errorKind: "overloaded" });
  });

  it("never retries quota", async () => {
    const clock = new ManualClock();
    const model = pricedModel(clock, { generate: [failWith("quota"), "unreachable"] });
    const { manager } = managerWith({ aliases: { fast: { model } } }, { clock });
    await expect(settleWith(clock, manager.generate("fast", request))).rejects.toMatchObject({
      kind: "quota",
    });
    expect(model.calls).toHaveLength(1);
  });

  it("retries a timed-out attempt", async () => {
    const clock = new ManualClock();
    const model = pricedModel(clock, {
      delayMs: (call) => (call.index === 0 ? 60_000 : 10),
      generate: "late but fine",
    });
    const { manager, ofType } = managerWith(
      { aliases: { fast: { model, timeoutMs: 1_000, retry: { baseDelayMs: 0 } } } },
      { clock },
    );
    const result = await settleWith(clock, manager.generate("fast", request, { stream: false }));
    expect(result.response.text).toBe("late but fine");
    expect(ofType("call.attempt_failed")[0]).toMatchObject({ errorKind: "timeout", durationMs: 1_000 });
    expect(model.calls[0]?.options?.signal?.aborted).toBe(true);
  });

  it("lets a call set its own per-attempt timeout", async () => {
    const clock = new ManualClock();
    const model = pricedModel(clock, { delayMs: 5_000, generate: "slow" });
    const { manager, ofType } = managerWith(
      { aliases: { fast: { model, timeoutMs: 60_000, retry: { maxAttempts: 1 } } } },
      { clock },
    );
    const call = manager.generate("fast", request, { stream: false, timeoutMs: 2_000 });
    const outcome = call.catch((e: unknown) => e);
    await clock.advance(2_000);
    expect(await outcome).toMatchObject({ kind: "timeout" });
    expect(ofType("call.attempt_failed")[0]?.durationMs).toBe(2_000);
  });

  it("retries a cut stream and answers from the next attempt", async () => {
    const clock = new ManualClock();
    const cut = streamParts([{ type: "text-delta", delta: "par" }]);
    const model = pricedModel(clock, { stream: [cut, "whole answer"] });
    const { manager, ofType } = managerWith(
      { aliases: { fast: { model, retry: { baseDelayMs: 0 } } } },
      { clock },
    );
    const result = await settleWith(clock, manager.generate("fast", request));
    expect(result.response.text).toBe("whole answer");
    expect(ofType("call.attempt_failed")[0]?.errorKind).toBe("transient");
    expect(ofType("call.delta").map((e) => [e.attempt, e.delta])).toEqual([
      [1, "par"],
      [2, "whole "],
      [2, "answer"],
    ]);
  });
});

describe("ResourceManager fallback", () => {
  it("moves to the fallback alias once retries are exhausted on a kind that allows it", async () => {
    const clock = new ManualClock();
    const primary = pricedModel(clock, { modelId: "primary", generate: () => failWith("overloaded") });
    const backup = pricedModel(clock, { modelId: "backup", generate: "from backup" });
    const { manager, ofType } = managerWith(
      {
        aliases: {
          main: {
            endpoints: [{ model: primary, retry: { maxAttempts: 2, baseDelayMs: 0 } }],
            fallbacks: ["spare"],
          },
          spare: { model: backup },
        },
      },
      { clock },
    );
    const result = await settleWith(clock, manager.generate("main", request, { stream: false }));
    expect(result).toMatchObject({
      alias: "spare",
      requestedAlias: "main",
      endpoint: "spare#0",
      attempts: 3,
    });
    expect(ofType("call.fallback")).toMatchObject([
      { alias: "main", toAlias: "spare", errorKind: "overloaded", attempts: 2 },
    ]);
    expect(ofType("call.finished")[0]).toMatchObject({ alias: "spare", requestedAlias: "main" });
  });

  it("does not fall back on an invalid request", async () => {
    const clock = new ManualClock();
    const primary = pricedModel(clock, { generate: failWith("invalid_request") });
    const backup = pricedModel(clock, { generate: "never" });
    const { manager } = managerWith(
      {
        aliases: {
          main: { endpoints: [{ model: primary }], fallbacks: ["spare"] },
          spare: { model: backup },
        },
      },
      { clock },
    );
    await expect(settleWith(clock, manager.generate("main", request))).rejects.toMatchObject({
      kind: "invalid_request",
    });
    expect(backup.calls).toHaveLength(0);
  });
});
