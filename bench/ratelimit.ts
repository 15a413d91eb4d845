// Rate limiting and budgets through weft's ResourceManager against the mock server over real HTTP:
// - 2,000 requests as fast as possible at a server limit of 6,000 RPM (latency 20 ms, a burst of one second's
//   worth), with weft configured at the true limit, then at 3x the limit (adaptive mode must find the real one);
// - the budget race: 200 concurrent calls of exactly known cost against a budget for 50 (over 10 seeds).
// Prints {"throughput_vs_limit", "server_429_fraction", "adaptive_throughput_vs_limit", "adaptive_429_fraction",
// "budget_overshoot_usd", "budget_use"} on the last line. Each flood runs ROUNDS times (this machine is shared):
// throughput is the best round, the 429 fraction the worst; the race figures are the worst over its seeds.
//
// The mock server enforces the limit itself (`limits: { rpm, burstSeconds: 1 }`, as `weft-mock-server --rpm 6000
// --burst-seconds 1`), answering 429 as OpenAI does; its request log counts the 429s.
import { createOpenAI } from "@weft/openai";
import { BudgetExceededError, BudgetTracker, ProviderRegistry, ResourceManager } from "@weft/resources";
import { startMockServer } from "@weft/testing";
import { report } from "./lib/measure.js";

const LIMIT_RPM = 6_000;
const LATENCY_MS = 20;
const REQUESTS = 2_000;
const ROUNDS = 2;
const RACE_SEEDS = 10;

const registry = new ProviderRegistry().register("openai", ({ model, apiKey, baseURL }) =>
  createOpenAI({ apiKey, baseURL }).languageModel(model),
);

/** Sends REQUESTS calls at once through a fresh manager configured at `rpm`; returns throughput and 429 share. */
async function flood(rpm: number): Promise<{ vsLimit: number; fraction429: number }> {
  server.reset();
  const manager = new ResourceManager(
    {
      aliases: {
        bench: {
          model: {
            provider: "openai",
            model: "gpt-4o-mini",
            baseURL: server.openaiBaseURL,
            apiKey: "sk-bench",
          },
          rpm,
          retry: { maxAttempts: 50, baseDelayMs: 50 },
        },
      },
    },
    { registry },
  );
  const start = performance.now();
  const results = await Promise.all(
    Array.from({ length: REQUESTS }, (_, i) =>
      manager.generate(
        "bench",
        { messages: [{ role: "user", content: `request ${i}` }], maxTokens: 16 },
        { stream: false },
      ),
    ),
  );
  const seconds = (performance.now() - start) / 1000;
  const total = server.requests.length;
  const limited = server.requests.filter((r) => r.status === 429).length;
  const finalRpm = manager.snapshot().endpointStatus["bench#0"]?.rpm;
  console.error(
    `configured ${rpm} rpm: ${results.length} answers in ${seconds.toFixed(2)} s, ${limited} of ${total} ` +
      `requests answered 429, limiter ended at ${finalRpm?.toFixed(0)} rpm`,
  );
  return { vsLimit: REQUESTS / seconds / (LIMIT_RPM / 60), fraction429: limited / total };
}

/** The budget race on one seed: 200 concurrent calls of exactly $2^-7 against $50 x 2^-7. */
async function race(seed: number): Promise<{ overshoot: number; use: number; answered: number }> {
  const server = await startMockServer({ seed, logLimit: 1_000 });
  try {
    const perCall = 2 ** -7; // 5 output tokens (the mock cuts at maxTokens) at $1,562.50 per million; input free
    const manager = new ResourceManager(
      {
        aliases: {
          race: {
            model: {
              provider: "openai",
              model: "race-model",
              baseURL: server.openaiBaseURL,
              apiKey: "sk-bench",
            },
            pricing: { inputPerMTok: 0, outputPerMTok: 1_562.5 },
          },
        },
      },
      { registry },
    );
    const cap = 50 * perCall;
    const budget = new BudgetTracker({ maxUsd: cap });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 200 }, (_, i) =>
        manager.generate(
          "race",
          { messages: [{ role: "user", content: `race ${seed}/${i}` }], maxTokens: 5 },
          { budget },
        ),
      ),
    );
    const unexpected = outcomes.find((o) => o.status === "rejected" && !BudgetExceededError.is(o.reason));
    if (unexpected) throw (unexpected as PromiseRejectedResult).reason;
    const spent = budget.spent.usd;
    return {
      overshoot: Math.max(0, spent - cap),
      use: spent / cap,
      answered: outcomes.filter((o) => o.status === "fulfilled").length,
    };
  } finally {
    await server.close();
  }
}

const server = await startMockServer({
  latency: { timeToFirstTokenMs: LATENCY_MS },
  limits: { rpm: LIMIT_RPM, burstSeconds: 1 },
  logLimit: 100_000,
});
try {
  const rounds = async (rpm: number) => {
    const runs: { vsLimit: number; fraction429: number }[] = [];
    for (let round = 0; round < ROUNDS; round++) runs.push(await flood(rpm));
    return {
      vsLimit: Math.max(...runs.map((r) => r.vsLimit)),
      fraction429: Math.max(...runs.map((r) => r.fraction429)),
    };
  };
  const atLimit = await rounds(LIMIT_RPM);
  const adaptive = await rounds(3 * LIMIT_RPM);
  let overshoot = 0;
  let use = Number.POSITIVE_INFINITY;
  for (let seed = 1; seed <= RACE_SEEDS; seed++) {
    const result = await race(seed);
    overshoot = Math.max(overshoot, result.overshoot);
    use = Math.min(use, result.use);
    if (result.answered !== 50)
      console.error(`budget race seed ${seed}: ${result.answered} answered, expected 50`);
  }
  report({
    throughput_vs_limit: Number(atLimit.vsLimit.toFixed(4)),
    server_429_fraction: Number(atLimit.fraction429.toFixed(4)),
    adaptive_throughput_vs_limit: Number(adaptive.vsLimit.toFixed(4)),
    adaptive_429_fraction: Number(adaptive.fraction429.toFixed(4)),
    budget_overshoot_usd: overshoot,
    budget_use: Number(use.toFixed(4)),
  });
} finally {
  await server.close();
}
