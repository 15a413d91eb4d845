import { createOpenAI } from "@weft/openai";
import { startMockServer } from "@weft/testing";
import { describe, expect, it } from "vitest";
import { BudgetTracker } from "../budget/budget-tracker.js";
import { BudgetExceededError } from "../errors/budget-exceeded-error.js";
import { ProviderRegistry } from "../registry/provider-registry.js";
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
});
