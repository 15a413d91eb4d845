// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${ENV_NAME}` is the config syntax for a secret read from the environment
import { inspect } from "node:util";
import { ManualClock } from "@weft/core";
import { type LanguageModel, ProviderError } from "@weft/provider";
import { failWith, MockLanguageModel, type MockLanguageModelOptions } from "@weft/testing";
import { describe, expect, it } from "vitest";
import { ResourceConfigError } from "../errors/resource-config-error.js";
import { ProviderRegistry } from "../registry/provider-registry.js";
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

describe("secrets", () => {
  const KEY = "sk-weft-PLANTED-9f8e7d6c5b4a";

  it("never appear in errors, events or config dumps, even when a provider echoes them", async () => {
    const clock = new ManualClock();
    const echoing = (apiKey: string | undefined): LanguageModel =>
      new MockLanguageModel({
        clock,
        provider: "echo",
        generate: [
          failWith("transient", {
            message: `upstream rejected key ${apiKey}`,
            responseBody: { key: apiKey },
          }),
          new ProviderError({
            kind: "auth",
            message: `bad key ${apiKey}`,
            cause: new Error(`key=${apiKey}`),
          }),
        ],
      });
    const registry = new ProviderRegistry().register("echo", ({ apiKey }) => echoing(apiKey));
    const { manager, events } = managerWith(
      {
        aliases: {
          a: {
            model: { provider: "echo", model: "m", apiKey: "${WEFT_TEST_KEY}" },
            retry: { baseDelayMs: 0 },
          },
        },
      },
      { clock, registry, env: { WEFT_TEST_KEY: KEY } },
    );
    const error = await settleWith(clock, manager.generate("a", request, { stream: false })).catch(
      (e: unknown) => e,
    );
    expect(ProviderError.is(error) && error.kind).toBe("auth");
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
    expect(seen).not.toContain(KEY);
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
