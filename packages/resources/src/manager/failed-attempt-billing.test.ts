import { ManualClock } from "@weft/core";
import { ProviderError, type ProviderErrorKind, type StreamPart } from "@weft/provider";
import { failWith, MockLanguageModel, type MockLanguageModelOptions, streamParts } from "@weft/testing";
import { describe, expect, it } from "vitest";
import { BudgetTracker } from "../budget/budget-tracker.js";
import { BudgetExceededError } from "../errors/budget-exceeded-error.js";
import { managerWith, price, request, settleWith } from "./manager-test-kit.js";

// "Say hi" with maxTokens 10 reserves 22 input tokens (8 per request, 8 per message, 6 bytes) and 10 output:
// at $1/M in and $2/M out the worst case of one attempt is $42 per million.
const WORST_USD = 42 / 1e6;
const WORST_TOKENS = 32;
// An answer reports 100 in and 10 out unless told otherwise: $120 per million.
const ANSWER_USD = 120 / 1e6;

const metadata: StreamPart = {
  type: "response-metadata",
  response: { id: "r1", modelId: "mock-model" },
  rateLimit: undefined,
};

function setUp(options: MockLanguageModelOptions, alias: Record<string, unknown> = {}, maxUsd = 1) {
  const clock = new ManualClock();
  const model = new MockLanguageModel({ clock, usage: { inputTokens: 100, outputTokens: 10 }, ...options });
  const kit = managerWith(
    {
      aliases: {
        a: { model, pricing: price, adaptive: false, retry: { maxAttempts: 1, baseDelayMs: 10 }, ...alias },
      },
    },
    { clock },
  );
  const budget = new BudgetTracker({ maxUsd, clock, label: "run" });
  const run = (stream = false) =>
    settleWith(clock, kit.manager.generate("a", request, { budget, stream })).catch((e: unknown) => e);
  return { ...kit, model, budget, run };
}

describe("a failed attempt that was refused before generation is refunded", () => {
  const refusals: ProviderErrorKind[] = [
    "rate_limit",
    "quota",
    "overloaded",
    "auth",
    "invalid_request",
    "context_length",
  ];
  for (const kind of refusals) {
    it(kind, async () => {
      const { budget, run, ofType } = setUp({ generate: failWith(kind) });
      const error = await run();
      expect(ProviderError.is(error) && error.kind).toBe(kind);
      expect(budget.spent).toEqual({ usd: 0, tokens: 0, calls: 1 });
      expect(budget.reserved).toEqual({ usd: 0, tokens: 0, calls: 0 });
      expect(ofType("budget.settled").map((e) => e.basis)).toEqual(["unbilled"]);
    });
  }
});

describe("a failed attempt that may have been billed is charged its worst case", () => {
  const cases: [string, MockLanguageModelOptions, boolean, ProviderErrorKind][] = [
    ["a timeout", { delayMs: 5_000, generate: "late" }, false, "timeout"],
    [
      "a reset before any reply",
      { generate: failWith("transient", { status: undefined }) },
      false,
      "transient",
    ],
    [
      "a stream cut mid-way",
      { stream: streamParts([metadata, { type: "text-delta", delta: "half" }]) },
      true,
      "transient",
    ],
    [
      "an overloaded error event inside a stream",
      { stream: streamParts([metadata], { error: failWith("overloaded", { status: undefined }) }) },
      true,
      "overloaded",
    ],
    ["a content filter", { generate: failWith("content_filter") }, false, "content_filter"],
    ["an unknown failure", { generate: new Error("socket hang up") }, false, "unknown"],
  ];
  for (const [name, options, stream, kind] of cases) {
    it(name, async () => {
      const { budget, run, ofType } = setUp(options, { timeoutMs: 1_000 });
      const error = await run(stream);
      if (kind !== "unknown") expect(ProviderError.is(error) && error.kind).toBe(kind);
      expect(budget.spent).toEqual({ usd: WORST_USD, tokens: WORST_TOKENS, calls: 1 });
      expect(budget.reserved).toEqual({ usd: 0, tokens: 0, calls: 0 });
      expect(ofType("budget.settled").map((e) => e.basis)).toEqual(["worst_case"]);
    });
  }

  it("an abort after the request was sent", async () => {
    const clock = new ManualClock();
    const model = new MockLanguageModel({ clock, delayMs: 5_000, generate: "late" });
    const { manager } = managerWith({ aliases: { a: { model, pricing: price } } }, { clock });
    const budget = new BudgetTracker({ maxUsd: 1, clock });
    const controller = new AbortController();
    const call = manager.generate("a", request, { budget, signal: controller.signal, stream: false });
    const outcome = call.catch((e: unknown) => e);
    await clock.advance(10);
    expect(model.calls).toHaveLength(1);
    controller.abort(new Error("user gave up"));
    expect(ProviderError.is(await outcome) && ((await outcome) as ProviderError).kind).toBe("aborted");
    expect(budget.spent).toEqual({ usd: WORST_USD, tokens: WORST_TOKENS, calls: 1 });
  });

  it("unless the provider reported what the attempt used", async () => {
    const cut = failWith("transient", { message: "stream cut", status: undefined });
    Object.assign(cut, { usage: { inputTokens: 12, outputTokens: 3 } });
    const { budget, run, ofType } = setUp({ stream: streamParts([metadata], { error: cut }) });
    await run(true);
    expect(budget.spent).toEqual({ usd: (12 + 3 * 2) / 1e6, tokens: 15, calls: 1 });
    expect(ofType("budget.settled").map((e) => e.basis)).toEqual(["reported_usage"]);
  });

  it("on the endpoint it ran on, not the dearest of the alias", async () => {
    const clock = new ManualClock();
    const failing = new MockLanguageModel({ clock, generate: failWith("transient") });
    const dear = new MockLanguageModel({ clock, generate: "x" });
    const { manager } = managerWith(
      {
        aliases: {
          a: {
            strategy: "round_robin",
            endpoints: [
              { model: failing, pricing: price, retry: { maxAttempts: 1 } },
              { model: dear, pricing: { inputPerMTok: 100, outputPerMTok: 100 } },
            ],
          },
        },
      },
      { clock },
    );
    const budget = new BudgetTracker({ maxUsd: 1, clock });
    await settleWith(clock, manager.generate("a", request, { budget, stream: false })).catch(() => {});
    expect(failing.calls).toHaveLength(1);
    expect(budget.spent.usd).toBe(WORST_USD);
  });
});

describe("retries and the budget", () => {
  it("reserves and settles every attempt: two timeouts are paid for, the answer at its cost", async () => {
    const { budget, run, ofType, model } = setUp(
      { delayMs: (call) => (call.index < 2 ? 5_000 : 0), generate: "ok" },
      { timeoutMs: 1_000, retry: { maxAttempts: 3, baseDelayMs: 10 } },
    );
    const result = await run();
    expect(result).toMatchObject({ attempts: 3, costUsd: ANSWER_USD });
    expect(model.calls).toHaveLength(3);
    expect(ofType("budget.reserved")).toHaveLength(3);
    expect(ofType("budget.settled").map((e) => [e.attempt, e.basis, e.calls])).toEqual([
      [1, "worst_case", 1],
      [2, "worst_case", 0],
      [3, "usage", 0],
    ]);
    expect(budget.spent.usd).toBeCloseTo(2 * WORST_USD + ANSWER_USD, 15);
    expect(budget.spent.calls).toBe(1);
    expect(budget.reserved).toEqual({ usd: 0, tokens: 0, calls: 0 });
  });

  it("refunds a refused attempt and charges only the answer", async () => {
    const { budget, run, ofType } = setUp(
      { generate: [failWith("rate_limit", { retryAfterMs: 20 }), "ok"] },
      { retry: { maxAttempts: 2, baseDelayMs: 10 } },
    );
    await run();
    expect(ofType("budget.settled").map((e) => e.basis)).toEqual(["unbilled", "usage"]);
    expect(budget.spent).toEqual({ usd: ANSWER_USD, tokens: 110, calls: 1 });
  });

  it("fails a retry that does not fit with BudgetExceededError, the failed attempt as its cause", async () => {
    // Room for one worst case and a bit: the first attempt times out and is charged in full.
    const { budget, run, ofType, model } = setUp(
      { delayMs: 5_000, generate: "late" },
      { timeoutMs: 1_000, retry: { maxAttempts: 4, baseDelayMs: 10 } },
      WORST_USD * 1.5,
    );
    const error = await run();
    expect(BudgetExceededError.is(error) && error).toMatchObject({ limit: "usd", spent: WORST_USD });
    expect(ProviderError.is((error as Error).cause) && ((error as Error).cause as ProviderError).kind).toBe(
      "timeout",
    );
    expect(model.calls).toHaveLength(1);
    expect(budget.spent.usd).toBe(WORST_USD);
    expect(ofType("budget.exceeded")).toHaveLength(1);
    expect(ofType("call.failed")[0]).toMatchObject({ errorCode: "budget_exceeded", attempts: 1 });
  });
});
