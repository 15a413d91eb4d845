import { ManualClock } from "@weft/core";
import { createOpenAI } from "@weft/openai";
import { ProviderError } from "@weft/provider";
import { startMockServer } from "@weft/testing";
import { describe, expect, it } from "vitest";
import { BudgetTracker } from "../budget/budget-tracker.js";
import { BudgetExceededError } from "../errors/budget-exceeded-error.js";
import { ProviderRegistry } from "../registry/provider-registry.js";
import { driveUntilSettled, ObservedClock } from "./manager-test-kit.js";
import { ResourceManager } from "./resource-manager.js";

const registry = new ProviderRegistry().register("openai", ({ model, apiKey, baseURL }) =>
  createOpenAI({ apiKey, baseURL }).languageModel(model),
);

// The mock's filler text is always longer than 5 tokens, so every reply is cut at exactly maxTokens = 5; input
// is free. The worst case is then the exact cost: 5 tokens at $1,562.50 per million = $2^-7 a call.
const PER_CALL = 2 ** -7;
const pricing = { inputPerMTok: 0, outputPerMTok: 1_562.5 };

describe("the budget race over HTTP", () => {
  it("admits exactly 50 of 200 concurrent calls against a budget for 50, for 100 seeds", async () => {
    for (let seed = 1; seed <= 100; seed++) {
      const server = await startMockServer({ seed });
      try {
        const manager = new ResourceManager(
          {
            aliases: {
              race: {
                model: {
                  provider: "openai",
                  model: "race-model",
                  baseURL: server.openaiBaseURL,
                  apiKey: "k",
                },
                pricing,
              },
            },
          },
          { registry },
        );
        const budget = new BudgetTracker({ maxUsd: 50 * PER_CALL });
        const request = { messages: [{ role: "user" as const, content: `race ${seed}` }], maxTokens: 5 };
        const outcomes = await Promise.allSettled(
          Array.from({ length: 200 }, (_, i) =>
            manager.generate("race", request, { budget, stream: i % 2 === 0 }),
          ),
        );
        const answered = outcomes.filter((o) => o.status === "fulfilled");
        const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === "rejected");
        expect({ seed, answered: answered.length, refused: refused.length }).toEqual({
          seed,
          answered: 50,
          refused: 150,
        });
        expect(refused.every((o) => BudgetExceededError.is(o.reason))).toBe(true);
        expect({ seed, spent: budget.spent.usd }).toEqual({ seed, spent: 50 * PER_CALL });
        expect(budget.reserved).toEqual({ usd: 0, tokens: 0, calls: 0 });
        expect(server.requests).toHaveLength(50);
        expect(server.requests.every((r) => r.usage?.outputTokens === 5)).toBe(true);
      } finally {
        await server.close();
      }
    }
  }, 120_000);

  it("never spends past the cap when calls time out, are cut mid-stream, reset or refused, for 20 seeds", async () => {
    for (let seed = 1; seed <= 20; seed++) {
      // The server's clock never moves, so a slow first byte never comes: the client's attempt timeout (on the
      // manager's clock, driven below) gives up on it after the request was sent.
      const server = await startMockServer({
        seed,
        clock: new ManualClock(),
        slowFirstByteMs: 600_000,
        rateLimitRetryAfterMs: 200,
        faults: [
          { fault: "cut_stream", probability: 0.15 },
          { fault: "slow_first_byte", probability: 0.1 },
          { fault: "reset", probability: 0.05 },
          { fault: "rate_limit", probability: 0.1 },
        ],
      });
      try {
        const clock = new ObservedClock();
        const manager = new ResourceManager(
          {
            aliases: {
              race: {
                model: {
                  provider: "openai",
                  model: "race-model",
                  baseURL: server.openaiBaseURL,
                  apiKey: "k",
                },
                pricing,
                timeoutMs: 10_000,
                retry: { maxAttempts: 3, baseDelayMs: 100 },
              },
            },
          },
          { registry, clock, random: () => 0.5 },
        );
        const cap = 50 * PER_CALL;
        const budget = new BudgetTracker({ maxUsd: cap, clock });
        const request = { messages: [{ role: "user" as const, content: `faults ${seed}` }], maxTokens: 5 };
        const outcomes = await driveUntilSettled(
          clock,
          Promise.allSettled(
            Array.from({ length: 200 }, (_, i) =>
              manager.generate("race", request, { budget, stream: i % 2 === 0 }),
            ),
          ),
        );
        await server.close();
        const refused = outcomes.filter(
          (o): o is PromiseRejectedResult => o.status === "rejected" && BudgetExceededError.is(o.reason),
        );
        const other = outcomes.filter(
          (o): o is PromiseRejectedResult => o.status === "rejected" && !BudgetExceededError.is(o.reason),
        );
        expect(other.every((o) => ProviderError.is(o.reason))).toBe(true);
        expect(refused.length).toBeGreaterThan(0);
        // Input is free and no attempt can use more than 5 output tokens, so each attempt that may have been
        // billed is charged exactly PER_CALL; with calls refused, the budget is spent to the cap and not past it.
        expect({ seed, spent: budget.spent.usd }).toEqual({ seed, spent: cap });
        expect(budget.reserved).toEqual({ usd: 0, tokens: 0, calls: 0 });
        // The provider's view: every request it did not refuse with a 429 may be billed, and there are never
        // more of them than the budget pays for.
        const billable = server.requests.filter((r) => r.fault !== "rate_limit").length;
        expect({ seed, billable: billable <= 50 }).toEqual({ seed, billable: true });
        expect(budget.spent.usd).toBeGreaterThanOrEqual(billable * PER_CALL);
        expect(new Set(server.requests.map((r) => r.fault)).size).toBeGreaterThan(3);
      } finally {
        await server.close().catch(() => {}); // closed above once the calls settled
      }
    }
  }, 180_000);
});
