import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ManualClock } from "@weft/core";
import { MockLanguageModel, type MockLanguageModelOptions } from "@weft/testing";
import { describe, expect, it } from "vitest";
import { BudgetTracker } from "../budget/budget-tracker.js";
import { BudgetExceededError } from "../errors/budget-exceeded-error.js";
import { ResourceError } from "../errors/resource-error.js";
import { managerWith, request } from "./manager-test-kit.js";

/** A mock model whose every answer reports 100 input and 10 output tokens unless told otherwise. */
function pricedModel(clock: ManualClock, options: MockLanguageModelOptions = {}): MockLanguageModel {
  return new MockLanguageModel({ clock, usage: { inputTokens: 100, outputTokens: 10 }, ...options });
}

describe("budgets through the manager", () => {
  it("admits exactly the calls that fit when their cost is known exactly", async () => {
    const clock = new ManualClock();
    // Input is free and every answer uses exactly maxTokens output tokens, so the worst case is the cost.
    const model = pricedModel(clock, {
      delayMs: 5,
      generate: "x",
      usage: { inputTokens: 7, outputTokens: 10 },
    });
    const { manager, ofType } = managerWith(
      { aliases: { a: { model, pricing: { inputPerMTok: 0, outputPerMTok: 781.25 } } } },
      { clock },
    );
    const perCall = (10 * 781.25) / 1e6; // 2^-7 dollars
    const budget = new BudgetTracker({ maxUsd: 50 * perCall, clock });
    const outcomes = Promise.allSettled(
      Array.from({ length: 200 }, () => manager.generate("a", request, { budget, stream: false })),
    );
    await clock.runAll();
    const settled = await outcomes;
    expect(settled.filter((o) => o.status === "fulfilled")).toHaveLength(50);
    const refused = settled.filter((o): o is PromiseRejectedResult => o.status === "rejected");
    expect(refused).toHaveLength(150);
    expect(refused.every((o) => BudgetExceededError.is(o.reason))).toBe(true);
    expect(budget.spent.usd).toBe(50 * perCall);
    expect(model.calls).toHaveLength(50);
    expect(ofType("budget.exceeded")).toHaveLength(150);
    expect(ofType("budget.settled").every((e) => e.usd === perCall)).toBe(true);
  });

  it("refuses with a clear error when a USD budget meets a call it cannot bound", async () => {
    const clock = new ManualClock();
    const { manager } = managerWith(
      { aliases: { a: { model: new MockLanguageModel({ generate: "x" }) } } },
      { clock },
    );
    const budget = new BudgetTracker({ maxUsd: 1 });
    const unbounded = await manager
      .generate("a", { messages: request.messages }, { budget })
      .catch((e: unknown) => e);
    expect(ResourceError.is(unbounded) && unbounded.message).toBe(
      'budget "budget" caps dollars but the call has no upper bound on them ' +
        "(set maxTokens, the endpoint's maxOutputTokens, or a price for the model)",
    );
    expect(ResourceError.is(unbounded) && unbounded.code).toBe("unpriced_call");
  });

  it("shares one budget across a delegation chain of children", async () => {
    const clock = new ManualClock();
    const model = pricedModel(clock, { generate: "x", usage: { inputTokens: 5, outputTokens: 5 } });
    const { manager } = managerWith({ aliases: { a: { model, adaptive: false } } }, { clock });
    // Each call reserves 22 input + 1 output = 23 tokens and uses 10.
    const run = new BudgetTracker({ maxTokens: 40, label: "run" });
    await manager.generate("a", { ...request, maxTokens: 1 }, { budget: run.child("planner") });
    await manager.generate("a", { ...request, maxTokens: 1 }, { budget: run.child("worker").child("tool") });
    expect(run.spent).toEqual({ usd: 0, tokens: 20, calls: 2 });
    await expect(
      manager.generate("a", { ...request, maxTokens: 1 }, { budget: run.child("late") }),
    ).rejects.toMatchObject({
      code: "budget_exceeded",
      budget: "run",
    });
  });
});

describe("response cache", () => {
  it("answers a repeated request from memory at no cost, and a new sample id asks again", async () => {
    const clock = new ManualClock();
    const model = pricedModel(clock, { generate: (_req, call) => `answer ${call.index}` });
    const { manager, ofType } = managerWith(
      { aliases: { a: { model, pricing: { inputPerMTok: 1, outputPerMTok: 1 } } }, cache: {} },
      { clock },
    );
    const first = await manager.generate("a", request, { stream: false });
    const again = await manager.generate("a", request, { stream: true });
    expect(again).toMatchObject({
      cached: true,
      costUsd: 0,
      attempts: 0,
      endpoint: undefined,
      response: { text: "answer 0" },
    });
    expect(first.cached).toBe(false);
    expect(ofType("cache.hit")).toHaveLength(1);
    expect(ofType("call.delta").map((e) => e.delta)).toEqual(["answer 0"]);
    const fresh = await manager.generate("a", request, { sampleId: "2", stream: false });
    expect(fresh.response.text).toBe("answer 1");
    const bypass = await manager.generate("a", request, { cache: false, stream: false });
    expect(bypass.response.text).toBe("answer 2");
    expect(manager.snapshot().aliases.a).toMatchObject({ calls: 4, cacheHits: 1, attempts: 3 });
  });

  it("answers from disk after a restart (a fresh manager on the same directory)", async () => {
    const directory = await mkdtemp(join(tmpdir(), "weft-resources-cache-"));
    const clock = new ManualClock();
    const before = pricedModel(clock, { generate: "remembered" });
    const first = managerWith({ aliases: { a: { model: before } }, cache: { directory } }, { clock });
    await first.manager.generate("a", request);
    const after = pricedModel(clock, { generate: "should not be asked" });
    const second = managerWith({ aliases: { a: { model: after } }, cache: { directory } }, { clock });
    const result = await second.manager.generate("a", request);
    expect(result).toMatchObject({ cached: true, response: { text: "remembered" } });
    expect(after.calls).toHaveLength(0);
  });
});
