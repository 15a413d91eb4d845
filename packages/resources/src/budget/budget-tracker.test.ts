import { ManualClock } from "@weft/core";
import { describe, expect, it } from "vitest";
import { BudgetExceededError } from "../errors/budget-exceeded-error.js";
import { ResourceError } from "../errors/resource-error.js";
import { BudgetTracker } from "./budget-tracker.js";

const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

describe("BudgetTracker reservation", () => {
  it("admits exactly as many known-cost calls as fit, refuses the rest, and spends exactly the cap", async () => {
    const cost = 2 ** -7;
    const budget = new BudgetTracker({ maxUsd: 50 * cost });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 200 }, async () => {
        const reservation = await budget.reserve({ usd: cost });
        await flush();
        reservation.settle({ usd: cost });
      }),
    );
    const admitted = outcomes.filter((o) => o.status === "fulfilled");
    const refused = outcomes.filter((o) => o.status === "rejected");
    expect(admitted).toHaveLength(50);
    expect(refused).toHaveLength(150);
    for (const r of refused) expect(BudgetExceededError.is((r as PromiseRejectedResult).reason)).toBe(true);
    expect(budget.spent.usd).toBe(50 * cost);
    expect(budget.reserved.usd).toBe(0);
  });

  it("makes a call wait while an in-flight reservation may still refund room", async () => {
    const budget = new BudgetTracker({ maxUsd: 1 });
    const first = await budget.reserve({ usd: 0.8 });
    let admitted = false;
    const second = budget.reserve({ usd: 0.5 }).then((r) => {
      admitted = true;
      return r;
    });
    await flush();
    expect(admitted).toBe(false);
    first.settle({ usd: 0.3 });
    const reservation = await second;
    expect(reservation.amount.usd).toBe(0.5);
    expect(budget.spent.usd).toBe(0.3);
    expect(budget.reserved.usd).toBe(0.5);
  });

  it("refuses at once when the call cannot fit even if everything in flight settles at zero", async () => {
    const budget = new BudgetTracker({ maxUsd: 1, label: "run" });
    budget.charge({ usd: 0.7 });
    const error = await budget.reserve({ usd: 0.5 }).catch((e: unknown) => e);
    expect(BudgetExceededError.is(error) && error).toMatchObject({
      limit: "usd",
      cap: 1,
      spent: 0.7,
      requested: 0.5,
      budget: "run",
      isRetryable: false,
    });
  });

  it("refuses a waiting call once settlements leave no room for it", async () => {
    const budget = new BudgetTracker({ maxTokens: 100 });
    const first = await budget.reserve({ tokens: 60 });
    const second = budget.reserve({ tokens: 60 });
    first.settle({ tokens: 50 });
    await expect(second).rejects.toMatchObject({ code: "budget_exceeded", limit: "tokens" });
  });

  it("refunds a cancelled reservation entirely", async () => {
    const budget = new BudgetTracker({ maxUsd: 1, maxCalls: 1 });
    const first = await budget.reserve({ usd: 1 });
    const second = budget.reserve({ usd: 1 });
    first.cancel();
    const granted = await second;
    granted.settle({ usd: 0.25 });
    expect(budget.spent).toEqual({ usd: 0.25, tokens: 0, calls: 1 });
    await expect(budget.reserve({ usd: 0 })).rejects.toMatchObject({ limit: "calls" });
  });

  it("charges the reserved upper bound when the actual figure is unknown", async () => {
    const budget = new BudgetTracker({ maxUsd: 1 });
    const reservation = await budget.reserve({ usd: 0.4, tokens: 90 });
    expect(reservation.settle({ usd: undefined, tokens: 12 })).toEqual({ usd: 0.4, tokens: 12, calls: 1 });
    expect(() => reservation.settle({})).toThrow(/twice/);
  });

  it("refuses a call with no price or token bound when a cap needs one", async () => {
    const budget = new BudgetTracker({ maxUsd: 1 });
    const error = await budget.reserve({ tokens: 10 }).catch((e: unknown) => e);
    expect(ResourceError.is(error) && error.code).toBe("unpriced_call");
    // A calls-only budget needs neither.
    await expect(new BudgetTracker({ maxCalls: 2 }).reserve({})).resolves.toBeDefined();
  });

  it("stops waiting when the caller aborts, leaving the counters untouched", async () => {
    const budget = new BudgetTracker({ maxUsd: 1 });
    await budget.reserve({ usd: 1 });
    const controller = new AbortController();
    const waiting = budget.reserve({ usd: 0.5 }, { signal: controller.signal });
    controller.abort(new Error("stop"));
    await expect(waiting).rejects.toThrow("stop");
    expect(budget.reserved.usd).toBe(1);
  });
});

describe("BudgetTracker deadline", () => {
  it("refuses calls after the deadline and fails waiters when it passes", async () => {
    const clock = new ManualClock(1_000);
    const budget = new BudgetTracker({ clock, durationMs: 500, maxCalls: 1 });
    expect(budget.remaining().timeMs).toBe(500);
    await budget.reserve({});
    const waiting = budget.reserve({});
    const outcome = waiting.catch((e: unknown) => e);
    await clock.advance(500);
    expect(await outcome).toMatchObject({ code: "budget_exceeded", limit: "deadline" });
    await expect(budget.reserve({})).rejects.toMatchObject({ limit: "deadline" });
  });
});

describe("BudgetTracker children", () => {
  it("shares the parent's counters so a delegation chain never exceeds the top cap", async () => {
    const run = new BudgetTracker({ maxUsd: 1, label: "run" });
    const agent = run.child("agent");
    const sub = agent.child("sub", { maxUsd: 0.3 });
    (await sub.reserve({ usd: 0.3 })).settle({ usd: 0.3 });
    expect(run.spent.usd).toBe(0.3);
    expect(agent.spent.usd).toBe(0.3);
    await expect(sub.reserve({ usd: 0.1 })).rejects.toMatchObject({ budget: "run/agent/sub" });
    (await agent.reserve({ usd: 0.7 })).settle({ usd: 0.7 });
    const error = await run
      .child("other")
      .reserve({ usd: 0.01 })
      .catch((e: unknown) => e);
    expect(BudgetExceededError.is(error) && error.budget).toBe("run");
    expect(run.remaining()).toEqual({ usd: 0, tokens: undefined, calls: undefined, timeMs: undefined });
  });

  it("lets a child's waiter in when a sibling settles", async () => {
    const run = new BudgetTracker({ maxTokens: 100 });
    const a = await run.child("a").reserve({ tokens: 100 });
    const b = run.child("b").reserve({ tokens: 40 });
    a.settle({ tokens: 60 });
    await expect(b).resolves.toMatchObject({ amount: { tokens: 40 } });
  });
});
