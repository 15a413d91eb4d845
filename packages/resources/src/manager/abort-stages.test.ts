import { ManualClock } from "@weft/core";
import { ProviderError } from "@weft/provider";
import { failWith, MockLanguageModel, type MockLanguageModelOptions } from "@weft/testing";
import { describe, expect, it } from "vitest";
import { BudgetTracker } from "../budget/budget-tracker.js";
import { managerWith, price, request } from "./manager-test-kit.js";

/** A mock model whose every answer reports 100 input and 10 output tokens unless told otherwise. */
function pricedModel(clock: ManualClock, options: MockLanguageModelOptions = {}): MockLanguageModel {
  return new MockLanguageModel({ clock, usage: { inputTokens: 100, outputTokens: 10 }, ...options });
}

const flush = async (clock: ManualClock) => {
  for (let i = 0; i < 5; i++) await clock.advance(0);
};

/** Aborts a call while it waits in one stage and checks it rejects with kind aborted and leaves nothing held. */
async function expectAborted(promise: Promise<unknown>, controller: AbortController, clock: ManualClock) {
  await flush(clock);
  const reason = new Error("caller gave up");
  controller.abort(reason);
  const error = await promise.catch((e: unknown) => e);
  expect(ProviderError.is(error) && error.kind).toBe("aborted");
  expect((error as Error).cause).toBe(reason);
}

describe("abort during each stage", () => {
  it("while waiting for budget: the reservation queue forgets it", async () => {
    const clock = new ManualClock();
    const model = pricedModel(clock, { delayMs: 1_000, generate: "x" });
    const { manager, ofType } = managerWith(
      { aliases: { a: { model, pricing: price, adaptive: false } } },
      { clock },
    );
    // The worst case is 22 input tokens at $1/M plus 10 output at $2/M: $0.000042, so one fits at a time.
    const budget = new BudgetTracker({ maxUsd: 0.00006, clock });
    const first = manager.generate("a", request, { budget, stream: false });
    const controller = new AbortController();
    const second = manager.generate("a", request, { budget, signal: controller.signal });
    await expectAborted(second, controller, clock);
    expect(ofType("budget.reserved")).toHaveLength(1);
    await clock.advance(1_000);
    await first;
    expect(budget.reserved.usd).toBe(0);
    expect(ofType("call.failed")[0]).toMatchObject({ errorKind: "aborted", attempts: 0 });
  });

  it("while queued for a slot: the slot goes to the next caller", async () => {
    const clock = new ManualClock();
    const model = pricedModel(clock, { delayMs: 1_000, generate: "x" });
    const { manager, ofType } = managerWith(
      { aliases: { a: { model, maxConcurrent: 1, adaptive: false } } },
      { clock },
    );
    const budget = new BudgetTracker({ maxCalls: 10, clock });
    const first = manager.generate("a", request, { stream: false });
    const controller = new AbortController();
    const second = manager.generate("a", request, { signal: controller.signal, budget });
    await flush(clock);
    expect(ofType("call.queued")[0]).toMatchObject({ queueDepth: 1, inFlight: 1 });
    await expectAborted(second, controller, clock);
    expect(budget.spent.calls + budget.reserved.calls).toBe(0); // cancelled, never dispatched
    await clock.advance(1_000);
    await first;
    expect(manager.snapshot().endpointStatus["a#0"]).toMatchObject({ inFlight: 0, queued: 0 });
  });

  it("while throttled by the rate limiter: its tokens are never taken", async () => {
    const clock = new ManualClock();
    const model = pricedModel(clock, { generate: "x" });
    const { manager } = managerWith({ aliases: { a: { model, rpm: 60, adaptive: false } } }, { clock });
    await manager.generate("a", request);
    const controller = new AbortController();
    const second = manager.generate("a", request, { signal: controller.signal });
    await expectAborted(second, controller, clock);
    expect(manager.snapshot().endpointStatus["a#0"]?.throttled).toBe(0);
    const third = manager.generate("a", request);
    await clock.advance(1_000);
    expect((await third).timings.rateLimitWaitMs).toBe(1_000);
  });

  it("during the provider call: the connection is aborted and the slot freed", async () => {
    const clock = new ManualClock();
    const model = pricedModel(clock, { delayMs: 60_000, generate: "x" });
    const { manager } = managerWith({ aliases: { a: { model, maxConcurrent: 1 } } }, { clock });
    const controller = new AbortController();
    const call = manager.generate("a", request, { signal: controller.signal, stream: false });
    await expectAborted(call, controller, clock);
    expect(model.calls[0]?.options?.signal?.aborted).toBe(true);
    expect(manager.snapshot().endpointStatus["a#0"]?.inFlight).toBe(0);
  });

  it("while backing off before a retry: no further attempt is made", async () => {
    const clock = new ManualClock();
    const model = pricedModel(clock, { generate: [failWith("rate_limit", { retryAfterMs: 5_000 }), "x"] });
    const { manager, ofType } = managerWith({ aliases: { a: { model, adaptive: false } } }, { clock });
    const controller = new AbortController();
    const call = manager.generate("a", request, { signal: controller.signal });
    await flush(clock);
    expect(ofType("call.retry")).toHaveLength(1);
    await expectAborted(call, controller, clock);
    await clock.advance(10_000);
    expect(model.calls).toHaveLength(1);
  });
});
