// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${ENV_NAME}` is the config syntax for a secret read from the environment
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inspect } from "node:util";
import { createOpenAI } from "@weft/openai";
import { ProviderError } from "@weft/provider";
import { type MockServer, startMockServer } from "@weft/testing";
import { afterEach, describe, expect, it } from "vitest";
import { loadResourceConfig } from "../config/load-config.js";
import { ProviderRegistry } from "../registry/provider-registry.js";
import { driveUntilSettled, managerWith, ObservedClock, request } from "./manager-test-kit.js";

const registry = new ProviderRegistry().register("openai", ({ model, apiKey, baseURL }) =>
  createOpenAI({ apiKey, baseURL }).languageModel(model),
);

const servers: MockServer[] = [];
async function serve(options: Parameters<typeof startMockServer>[0] = {}) {
  const server = await startMockServer(options);
  servers.push(server);
  return server;
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const model = (server: MockServer, id = "gpt-4o-mini", apiKey = "test-key") => ({
  provider: "openai",
  model: id,
  baseURL: server.openaiBaseURL,
  apiKey,
});

describe("rate limits against a limited server", () => {
  it("keeps under the server's tokens per minute when told its limit, where an unlimited client gets 429s", async () => {
    const run = async (clientTpm: number | undefined) => {
      const clock = new ObservedClock();
      const server = await serve({ clock, limits: { tpm: 600 }, rateLimitRetryAfterMs: 500 });
      const { manager } = managerWith(
        {
          aliases: {
            a: { model: model(server), tpm: clientTpm, adaptive: false, retry: { maxAttempts: 10 } },
          },
        },
        { clock, registry },
      );
      const calls = Array.from({ length: 30 }, (_, i) =>
        manager.generate("a", { messages: [{ role: "user", content: `q${i}` }], maxTokens: 30 }),
      );
      const results = await driveUntilSettled(clock, Promise.all(calls), 600_000);
      return { statuses: server.requests.map((r) => r.status), results };
    };
    const unlimited = await run(undefined);
    expect(unlimited.statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    const limited = await run(600);
    expect(limited.statuses.every((s) => s === 200)).toBe(true);
    expect(limited.statuses).toHaveLength(30);
    expect(Math.max(...limited.results.map((r) => r.timings.rateLimitWaitMs))).toBeGreaterThan(0);
  });

  it("adopts the server's lower request limit from its headers", async () => {
    const clock = new ObservedClock();
    const server = await serve({ clock, limits: { rpm: 60 } });
    const { manager, ofType } = managerWith(
      { aliases: { a: { model: model(server), rpm: 6_000, adaptive: false } } },
      { clock, registry },
    );
    await driveUntilSettled(clock, manager.generate("a", request));
    expect(ofType("limiter.adjusted")).toMatchObject([
      { endpoint: "a#0", reason: "headers", previousRpm: 6_000, rpm: 60 },
    ]);
    const next = await driveUntilSettled(
      clock,
      Promise.all([manager.generate("a", request), manager.generate("a", request)]),
    );
    // The bucket shrank to one request a second (holding the one it had): one goes now, the next a second later.
    expect(next.map((r) => r.timings.rateLimitWaitMs)).toEqual([0, 1_000]);
    expect(server.requests.every((r) => r.status === 200)).toBe(true);
  });
});

describe("endpoints and aliases over HTTP", () => {
  it("balances round robin across two endpoints", async () => {
    const server = await serve();
    const clock = new ObservedClock();
    const { manager } = managerWith(
      {
        aliases: {
          a: {
            strategy: "round_robin",
            endpoints: [
              { id: "one", model: model(server, "model-one") },
              { id: "two", model: model(server, "model-two") },
            ],
          },
        },
      },
      { clock, registry },
    );
    for (let i = 0; i < 4; i++) await driveUntilSettled(clock, manager.generate("a", request));
    expect(server.requests.map((r) => (r.body as { model: string }).model)).toEqual([
      "model-one",
      "model-two",
      "model-one",
      "model-two",
    ]);
  });

  it("falls back to another alias on another server when the first is out of quota", async () => {
    const broke = await serve({ faults: [{ fault: "quota" }] });
    const healthy = await serve();
    const clock = new ObservedClock();
    const { manager, ofType } = managerWith(
      {
        aliases: {
          main: { endpoints: [{ model: model(broke) }], fallbacks: ["spare"] },
          spare: { model: model(healthy) },
        },
      },
      { clock, registry },
    );
    const result = await driveUntilSettled(clock, manager.generate("main", request));
    expect(result).toMatchObject({ alias: "spare", requestedAlias: "main", attempts: 2 });
    expect(ofType("call.fallback")[0]).toMatchObject({ alias: "main", toAlias: "spare", errorKind: "quota" });
    expect([broke.requests.length, healthy.requests.length]).toEqual([1, 1]);
  });
});

describe("abort during each stage over HTTP", () => {
  async function setUp(extra: Record<string, unknown>) {
    const server = await serve({ stallMs: 600_000 });
    const clock = new ObservedClock();
    const kit = managerWith({ aliases: { a: { model: model(server), ...extra } } }, { clock, registry });
    const stalled = new AbortController();
    const first = kit.manager.generate(
      "a",
      { ...request, headers: { "x-weft-mock-fault": "stall_stream" } },
      { signal: stalled.signal },
    );
    first.catch(() => {});
    while (!kit.events.some((e) => e.type === "call.started")) await new Promise((r) => setImmediate(r));
    return { ...kit, server, stalled };
  }

  async function abortSecond(kit: Awaited<ReturnType<typeof setUp>>, waitingIn: "slots" | "limiter") {
    const controller = new AbortController();
    const second = kit.manager.generate("a", request, { signal: controller.signal });
    second.catch(() => {});
    for (let i = 0; i < 50; i++) await new Promise((r) => setImmediate(r));
    const status = kit.manager.snapshot().endpointStatus["a#0"];
    expect(waitingIn === "slots" ? status?.queued : status?.throttled).toBe(1);
    controller.abort(new Error("stop"));
    const error = await second.catch((e: unknown) => e);
    expect(ProviderError.is(error) && error.kind).toBe("aborted");
    kit.stalled.abort();
    await first(kit);
    expect(kit.manager.snapshot().endpointStatus["a#0"]).toMatchObject({
      inFlight: 0,
      queued: 0,
      throttled: 0,
    });
    expect(kit.server.requests).toHaveLength(1);
  }
  const first = async (kit: { server: MockServer }) => kit.server.waitForRequest((r) => r.index === 0);

  it("in the budget queue", async () => {
    const { BudgetTracker } = await import("../budget/budget-tracker.js");
    const server = await serve({ stallMs: 600_000 });
    const clock = new ObservedClock();
    const { manager, events } = managerWith(
      { aliases: { a: { model: model(server), pricing: { inputPerMTok: 0, outputPerMTok: 1_000_000 } } } },
      { clock, registry },
    );
    // The stalled call holds its worst case ($10 for maxTokens 10); the second fits only if that is refunded.
    const budget = new BudgetTracker({ maxUsd: 15 });
    const holder = new AbortController();
    const held = manager.generate(
      "a",
      { ...request, headers: { "x-weft-mock-fault": "stall_stream" } },
      { budget, signal: holder.signal },
    );
    held.catch(() => {});
    while (!events.some((e) => e.type === "call.started")) await new Promise((r) => setImmediate(r));
    const controller = new AbortController();
    const waiting = manager.generate("a", request, { budget, signal: controller.signal });
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
    expect(budget.reserved.usd).toBe(10);
    controller.abort(new Error("stop"));
    await expect(waiting).rejects.toMatchObject({ kind: "aborted" });
    holder.abort();
    await expect(held).rejects.toMatchObject({ kind: "aborted" });
    expect(budget.reserved.usd).toBe(0);
    // The stalled call was aborted after it was sent, so it may have been billed: it pays its worst case (22
    // input + 10 output tokens, $10). The other never left.
    expect(budget.spent).toEqual({ usd: 10, tokens: 32, calls: 1 });
    expect(server.requests).toHaveLength(1);
  });

  it("in the slot queue", async () => {
    const kit = await setUp({ maxConcurrent: 1 });
    await abortSecond(kit, "slots");
  });

  it("in the rate limiter", async () => {
    const kit = await setUp({ rpm: 1, adaptive: false });
    await abortSecond(kit, "limiter");
  });

  it("during the HTTP exchange, closing the connection", async () => {
    const kit = await setUp({});
    kit.stalled.abort(new Error("stop"));
    const record = await first(kit);
    expect(record.outcome).toBe("client_closed");
  });

  it("during the backoff before a retry", async () => {
    const server = await serve({ rateLimitRetryAfterMs: 5_000, faults: [{ fault: "rate_limit", count: 1 }] });
    const clock = new ObservedClock();
    const { manager, events } = managerWith(
      { aliases: { a: { model: model(server) } } },
      { clock, registry },
    );
    const controller = new AbortController();
    const call = manager.generate("a", request, { signal: controller.signal });
    call.catch(() => {});
    while (!events.some((e) => e.type === "call.retry")) await new Promise((r) => setImmediate(r));
    controller.abort();
    await expect(call).rejects.toMatchObject({ kind: "aborted" });
    await clock.advance(10_000);
    expect(server.requests).toHaveLength(1);
  });
});

describe("secrets over HTTP", () => {
  it("never show a planted key in errors, events, logs or config dumps", async () => {
    const KEY = "sk-weft-planted-HTTP-5e4d3c2b1a";
    const server = await serve({ faults: [{ fault: "auth" }] });
    const clock = new ObservedClock();
    const env = { WEFT_PLANTED_KEY: KEY };
    const { manager, events } = managerWith(
      { aliases: { a: { model: model(server, "gpt-4o-mini", "${WEFT_PLANTED_KEY}") } } },
      {
        clock,
        registry,
        env,
      },
    );
    const error = await driveUntilSettled(clock, manager.generate("a", request)).catch((e: unknown) => e);
    expect(ProviderError.is(error) && error.kind).toBe("auth");
    const dir = await mkdtemp(join(tmpdir(), "weft-secret-"));
    const file = join(dir, "bad.yaml");
    const { writeFile } = await import("node:fs/promises");
    await writeFile(
      file,
      `aliases:\n  a:\n    model: { provider: openai, model: m, apiKey: ${KEY} }\n    rpm: -1\n`,
    );
    const configError = await loadResourceConfig(file, { env }).catch((e: unknown) => e);
    const seen = [
      JSON.stringify(events),
      inspect(events, { depth: 20 }),
      String(error),
      inspect(error, { depth: 20 }),
      String(configError),
      inspect(configError, { depth: 20 }),
      JSON.stringify(manager.describeConfig()),
      inspect(manager.config, { depth: 20 }),
      JSON.stringify(manager.snapshot()),
      JSON.stringify(server.requests),
    ].join("\n");
    expect(seen).not.toContain(KEY);
    expect(server.requests[0]?.headers.authorization).toBe("[redacted]");
  });
});

describe("the on-disk cache", () => {
  it("answers after a restart, with the server gone", async () => {
    const server = await serve();
    const directory = await mkdtemp(join(tmpdir(), "weft-http-cache-"));
    const config = { aliases: { a: { model: model(server) } }, cache: { directory } };
    const before = managerWith(config, { registry });
    const original = await before.manager.generate("a", request);
    await server.close();
    servers.splice(servers.indexOf(server), 1);
    const after = managerWith(config, { registry });
    const replay = await after.manager.generate("a", request);
    expect(replay).toMatchObject({ cached: true, costUsd: 0, response: { text: original.response.text } });
    expect(after.ofType("cache.hit")).toHaveLength(1);
  });
});
