// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${ENV_NAME}` is the config syntax for a secret read from the environment
import { inspect } from "node:util";
import { ManualClock } from "@weft/core";
import { type LanguageModel, ProviderError } from "@weft/provider";
import { failWith, MockLanguageModel, type MockLanguageModelOptions } from "@weft/testing";
import { describe, expect, it } from "vitest";
import { ResourceConfigError } from "../errors/resource-config-error.js";
import { ProviderRegistry, type ResolvedModelDescription } from "../registry/provider-registry.js";
import { managerWith, price, request, settleWith } from "./manager-test-kit.js";

/** A mock model whose every answer reports 100 input and 10 output tokens unless told otherwise. */
function pricedModel(clock: ManualClock, options: MockLanguageModelOptions = {}): MockLanguageModel {
  return new MockLanguageModel({ clock, usage: { inputTokens: 100, outputTokens: 10 }, ...options });
}

describe("metrics snapshot", () => {
  it("counts calls, errors by kind, retries, 429s, tokens, cost and latency per alias and endpoint", async () => {
    const clock = new ManualClock();
    const model = pricedModel(clock, {
      delayMs: (call) => (call.index + 1) * 100,
      generate: [failWith("rate_limit", { retryAfterMs: 10 }), "a", "b", failWith("invalid_request")],
    });
    const { manager } = managerWith(
      { aliases: { fast: { model, pricing: price, adaptive: false } } },
      { clock },
    );
    await settleWith(clock, manager.generate("fast", request, { stream: false }));
    await settleWith(clock, manager.generate("fast", request, { stream: false }));
    await settleWith(clock, manager.generate("fast", request, { stream: false })).catch(() => {});
    const { aliases, endpoints, total, endpointStatus } = manager.snapshot();
    expect(aliases.fast).toMatchObject({
      calls: 3,
      succeeded: 2,
      failed: 1,
      attempts: 4,
      retries: 1,
      rateLimited: 1,
      errors: { rate_limit: 1, invalid_request: 1 },
      inputTokens: 200,
      outputTokens: 20,
      unpricedCalls: 0,
      inFlight: 0,
      latencyMs: { count: 2, p50: 200, max: 300 },
      queueWaitMs: { count: 4, max: 0 },
    });
    expect(aliases.fast?.costUsd).toBeCloseTo(0.00024, 12);
    expect(endpoints["fast#0"]).toMatchObject({ calls: 4, succeeded: 2, failed: 2 });
    expect(total.calls).toBe(3);
    expect(endpointStatus["fast#0"]).toMatchObject({ model: "mock:mock-model", inFlight: 0, rpm: undefined });
  });
});

describe("queue-wait percentiles", () => {
  it("measures attempts queued behind one slot exactly, on the manual clock", async () => {
    const clock = new ManualClock();
    const model = pricedModel(clock, { delayMs: 100, generate: "x" });
    const { manager, ofType } = managerWith(
      { aliases: { one: { model, maxConcurrent: 1, adaptive: false } } },
      { clock },
    );
    // 20 calls at once: the first takes the slot, call i starts when call i - 1 ends, at i x 100 ms.
    const calls = Array.from({ length: 20 }, () => manager.generate("one", request, { stream: false }));
    await clock.runAll();
    const results = await Promise.all(calls);
    expect(results.map((r) => r.timings.queueWaitMs)).toEqual(Array.from({ length: 20 }, (_, i) => i * 100));
    expect(ofType("call.queued")).toHaveLength(19);
    // Nearest rank over [0, 100, ..., 1900]: p50 is the 10th value, p95 the 19th.
    const expected = { count: 20, p50: 900, p90: 1_700, p95: 1_800, p99: 1_900, max: 1_900 };
    expect(manager.snapshot().aliases.one?.queueWaitMs).toEqual(expected);
    expect(manager.snapshot().endpoints["one#0"]?.queueWaitMs).toEqual(expected);
    expect(manager.snapshot().aliases.one?.latencyMs).toMatchObject({ count: 20, p50: 100, p95: 100 });
  });
});

describe("secrets", () => {
  const KEY = "sk-weft-PLANTED-9f8e7d6c5b4a";
  // Planted in the options (from the environment and literally) and in headers (likewise).
  const OPTION_KEY = "opt-weft-PLANTED-1a2b3c4d5e";
  const OPTION_LITERAL = "lit-opt-PLANTED-dd33ee44ff";
  const HEADER_KEY = "hdr-weft-PLANTED-6f7a8b9c0d";
  const HEADER_LITERAL = "lit-hdr-PLANTED-aa11bb22cc";
  const PLANTED = [KEY, OPTION_KEY, OPTION_LITERAL, HEADER_KEY, HEADER_LITERAL];

  it("never appear in errors, events or config dumps, even when a provider echoes them", async () => {
    const clock = new ManualClock();
    const received: ResolvedModelDescription[] = [];
    const echoing = (description: ResolvedModelDescription): LanguageModel => {
      received.push(description);
      const everything = JSON.stringify(description);
      return new MockLanguageModel({
        clock,
        provider: "echo",
        generate: [
          failWith("transient", {
            message: `upstream rejected ${everything} and token ${HEADER_KEY}`,
            responseBody: { description, token: HEADER_KEY },
          }),
          new ProviderError({
            kind: "auth",
            message: `bad key ${description.apiKey} with ${description.headers?.Authorization}`,
            cause: new Error(`options=${everything}`),
          }),
        ],
      });
    };
    const registry = new ProviderRegistry().register("echo", echoing);
    const { manager, events } = managerWith(
      {
        aliases: {
          a: {
            model: {
              provider: "echo",
              model: "m",
              apiKey: "${WEFT_TEST_KEY}",
              headers: {
                Authorization: "Bearer ${WEFT_HEADER_TOKEN}",
                "x-api-key": HEADER_LITERAL,
                "x-title": "weft-test",
              },
              options: {
                auth: { accessToken: "${WEFT_OPTION_TOKEN}" },
                clientSecret: OPTION_LITERAL,
                region: "eu",
              },
            },
            retry: { baseDelayMs: 0 },
          },
        },
      },
      {
        clock,
        registry,
        env: { WEFT_TEST_KEY: KEY, WEFT_OPTION_TOKEN: OPTION_KEY, WEFT_HEADER_TOKEN: HEADER_KEY },
      },
    );
    // The factory gets the real values.
    expect(received[0]).toMatchObject({
      apiKey: KEY,
      headers: { Authorization: `Bearer ${HEADER_KEY}`, "x-api-key": HEADER_LITERAL, "x-title": "weft-test" },
      options: { auth: { accessToken: OPTION_KEY }, clientSecret: OPTION_LITERAL, region: "eu" },
    });
    const error = await settleWith(clock, manager.generate("a", request, { stream: false })).catch(
      (e: unknown) => e,
    );
    expect(ProviderError.is(error) && error.kind).toBe("auth");
    expect((manager.describeConfig().endpoints as Record<string, { model: unknown }>)["a#0"]?.model).toEqual({
      provider: "echo",
      model: "m",
      apiKey: "${WEFT_TEST_KEY} [redacted]",
      headers: {
        Authorization: "${WEFT_HEADER_TOKEN} [redacted]",
        "x-api-key": "[redacted]",
        "x-title": "[redacted]",
      },
      options: {
        auth: { accessToken: "${WEFT_OPTION_TOKEN} [redacted]" },
        clientSecret: "[redacted]",
        region: "eu",
      },
    });
    const configError = (() => {
      try {
        return new ResourceConfigError([{ path: "x", message: "y" }]);
      } catch (e) {
        return e;
      }
    })();
    const seen = [
      JSON.stringify(events),
      inspect(events, { depth: 20 }),
      String(error),
      inspect(error, { depth: 20 }),
      JSON.stringify(error),
      JSON.stringify(manager.describeConfig()),
      inspect(manager.config, { depth: 20 }),
      JSON.stringify(manager.config),
      JSON.stringify(manager.snapshot()),
      String(configError),
    ].join("\n");
    expect(seen).toContain("[redacted]");
    expect(events.some((e) => e.type === "call.attempt_failed" && e.message.includes("[redacted]"))).toBe(
      true,
    );
    for (const planted of PLANTED) expect(seen).not.toContain(planted);
  });

  it("keeps a missing variable's name, not a value, in the config error", () => {
    const registry = new ProviderRegistry().register("echo", () => new MockLanguageModel());
    let error: unknown;
    try {
      managerWith(
        { aliases: { a: { model: { provider: "echo", model: "m", apiKey: "${WEFT_UNSET_KEY}" } } } },
        { registry, env: {} },
      );
    } catch (e) {
      error = e;
    }
    expect(ResourceConfigError.is(error) && error.issues).toEqual([
      { path: "aliases.a.model.apiKey", message: "environment variable WEFT_UNSET_KEY is not set" },
    ]);
  });

  it("refuses a description whose provider is not registered", () => {
    expect(() => managerWith({ aliases: { a: { model: { provider: "nope", model: "m" } } } })).toThrow(
      /endpoints\.a#0\.model\.provider: no provider factory registered for "nope" \(registered: none\)/,
    );
  });
});
