// Rate limiting and budgets through weft's ResourceManager against the mock server over real HTTP:
// - 2,000 requests as fast as possible at a server limit of 6,000 RPM (latency 20 ms, a burst of one second's
//   worth), with weft configured at the true limit, then at 3x the limit (adaptive mode must find the real one);
// - the budget race: 200 concurrent calls of exactly known cost against a budget for 50 (over 10 seeds).
// Prints {"throughput_vs_limit", "server_429_fraction", "adaptive_throughput_vs_limit", "adaptive_429_fraction",
// "budget_overshoot_usd", "budget_use"} on the last line. Each flood runs ROUNDS times (this machine is shared):
// throughput is the best round, the 429 fraction the worst; the race figures are the worst over its seeds.
//
// The mock server's buckets hold a full minute's allowance (capacity = rpm), so 2,000 requests would never meet
// its 6,000 RPM limit. A small gate in front of it enforces the same 6,000 RPM with a one-second burst, answering
// 429 as OpenAI does (retry-after-ms, x-ratelimit-* headers, code rate_limit_exceeded) and passing the rest
// through to the mock server, whose own rate-limit headers it corrects to its stricter bucket.
import { Agent, createServer, request as httpRequest, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { createOpenAI } from "@weft/openai";
import { BudgetExceededError, BudgetTracker, ProviderRegistry, ResourceManager } from "@weft/resources";
import { startMockServer } from "@weft/testing";
import { report } from "./lib/measure.js";

const LIMIT_RPM = 6_000;
const LATENCY_MS = 20;
const REQUESTS = 2_000;
const ROUNDS = 2;
const RACE_SEEDS = 10;

interface Gate {
  readonly url: string;
  readonly total: number;
  readonly limited: number;
  /** Refills the bucket and zeroes the counters. */
  reset(): void;
  close(): Promise<void>;
}

/** A token-bucket gate (rpm, burst of one second) in front of `target`, answering 429 like OpenAI. */
async function startGate(target: string, rpm: number): Promise<Gate> {
  const perMs = rpm / 60_000;
  const capacity = rpm / 60;
  let level = capacity;
  let last = performance.now();
  let total = 0;
  let limited = 0;
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const refill = () => {
    const now = performance.now();
    level = Math.min(capacity, level + (now - last) * perMs);
    last = now;
  };
  const limitHeaders = () => ({
    "x-ratelimit-limit-requests": String(rpm),
    "x-ratelimit-remaining-requests": String(Math.max(0, Math.floor(level))),
    "x-ratelimit-reset-requests": `${Math.ceil((capacity - level) / perMs)}ms`,
  });
  const server = createServer((req, res) => {
    total++;
    refill();
    if (level < 1) {
      limited++;
      const waitMs = Math.ceil((1 - level) / perMs);
      res.writeHead(429, {
        "content-type": "application/json",
        "retry-after-ms": String(waitMs),
        "retry-after": String(Math.max(1, Math.ceil(waitMs / 1000))),
        ...limitHeaders(),
      });
      res.end(
        JSON.stringify({
          error: {
            message: `Rate limit reached for requests per min: Limit ${rpm}`,
            type: "requests",
            param: null,
            code: "rate_limit_exceeded",
          },
        }),
      );
      req.resume();
      return;
    }
    level -= 1;
    const corrected = limitHeaders();
    const upstream = httpRequest(
      `${target}${req.url}`,
      { method: req.method, headers: req.headers, agent },
      (reply) => {
        const headers: IncomingHttpHeaders = { ...reply.headers, ...corrected };
        res.writeHead(reply.statusCode ?? 502, headers);
        reply.pipe(res);
      },
    );
    upstream.on("error", () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get total() {
      return total;
    },
    get limited() {
      return limited;
    },
    reset() {
      level = capacity;
      last = performance.now();
      total = 0;
      limited = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

const registry = new ProviderRegistry().register("openai", ({ model, apiKey, baseURL }) =>
  createOpenAI({ apiKey, baseURL }).languageModel(model),
);

/** Sends REQUESTS calls at once through a fresh manager configured at `rpm`; returns throughput and 429 share. */
async function flood(gate: Gate, rpm: number): Promise<{ vsLimit: number; fraction429: number }> {
  gate.reset();
  const manager = new ResourceManager(
    {
      aliases: {
        bench: {
          model: { provider: "openai", model: "gpt-4o-mini", baseURL: `${gate.url}/v1`, apiKey: "sk-bench" },
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
  const finalRpm = manager.snapshot().endpointStatus["bench#0"]?.rpm;
  console.error(
    `configured ${rpm} rpm: ${results.length} answers in ${seconds.toFixed(2)} s, ${gate.limited} of ${gate.total} ` +
      `requests answered 429, limiter ended at ${finalRpm?.toFixed(0)} rpm`,
  );
  return { vsLimit: REQUESTS / seconds / (LIMIT_RPM / 60), fraction429: gate.limited / gate.total };
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
  limits: { rpm: LIMIT_RPM },
  logLimit: 1_000,
});
const gate = await startGate(server.url, LIMIT_RPM);
try {
  const rounds = async (rpm: number) => {
    const runs: { vsLimit: number; fraction429: number }[] = [];
    for (let round = 0; round < ROUNDS; round++) runs.push(await flood(gate, rpm));
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
  await gate.close();
  await server.close();
}
