import { createAnthropic } from "@weft/anthropic";
import { createOpenAI } from "@weft/openai";
import { ProviderError } from "@weft/provider";
import { FAULT_HEADER, type MockServer, startMockServer } from "@weft/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { BUILTIN_PRICES } from "../pricing/price-table.js";
import { ProviderRegistry } from "../registry/provider-registry.js";
import { driveUntilSettled, managerWith, ObservedClock, request } from "./manager-test-kit.js";

const registry = new ProviderRegistry()
  .register("openai", ({ model, apiKey, baseURL }) => createOpenAI({ apiKey, baseURL }).languageModel(model))
  .register("anthropic", ({ model, apiKey, baseURL }) =>
    createAnthropic({ apiKey, baseURL }).languageModel(model),
  );

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer({ seed: 7, rateLimitRetryAfterMs: 1_200 });
});
afterAll(() => server.close());
beforeEach(() => {
  server.reset();
  server.setFaults([]);
});

function openaiAlias(extra: Record<string, unknown> = {}) {
  return {
    model: { provider: "openai", model: "gpt-4o-mini", baseURL: server.openaiBaseURL, apiKey: "test-key" },
    ...extra,
  };
}

function anthropicAlias(extra: Record<string, unknown> = {}) {
  return {
    model: {
      provider: "anthropic",
      model: "claude-3-5-haiku-latest",
      baseURL: server.anthropicBaseURL,
      apiKey: "test-key",
    },
    ...extra,
  };
}

describe("the whole path over HTTP", () => {
  it("answers, streams and prices a call from the provider's usage", async () => {
    const clock = new ObservedClock();
    const { manager, ofType } = managerWith({ aliases: { fast: openaiAlias() } }, { clock, registry });
    const streamed = await driveUntilSettled(clock, manager.generate("fast", request));
    expect(streamed.response.text.length).toBeGreaterThan(0);
    expect(
      ofType("call.delta")
        .map((e) => e.delta)
        .join(""),
    ).toBe(streamed.response.text);
    const usage = server.requests[0]?.usage;
    const row = BUILTIN_PRICES["gpt-4o-mini"];
    expect(streamed.response.usage).toMatchObject({
      inputTokens: usage?.inputTokens,
      outputTokens: usage?.outputTokens,
    });
    expect(streamed.costUsd).toBeCloseTo(
      ((usage?.inputTokens ?? 0) * (row?.inputPerMTok ?? 0) +
        (usage?.outputTokens ?? 0) * (row?.outputPerMTok ?? 0)) /
        1e6,
      15,
    );
    const plain = await driveUntilSettled(clock, manager.generate("fast", request, { stream: false }));
    expect(plain.response.text).toBe(streamed.response.text); // same request and seed, same reply
    expect(server.requests.map((r) => r.stream)).toEqual([true, false]);
  });

  it("waits the server's retry-after on a 429 and then answers", async () => {
    server.setFaults([{ fault: "rate_limit", count: 1 }]);
    const clock = new ObservedClock();
    const { manager, ofType } = managerWith(
      { aliases: { fast: openaiAlias({ adaptive: false }) } },
      { clock, registry },
    );
    const result = await driveUntilSettled(clock, manager.generate("fast", request));
    expect(result.attempts).toBe(2);
    expect(ofType("call.rate_limited")[0]).toMatchObject({ status: 429, retryAfterMs: 1_200 });
    expect(ofType("call.retry")[0]?.delayMs).toBe(1_200);
    expect(result.timings.retryWaitMs).toBe(1_200);
    expect(server.requests.map((r) => r.status)).toEqual([429, 200]);
  });

  it("never retries quota exhaustion", async () => {
    server.setFaults([{ fault: "quota" }]);
    const clock = new ObservedClock();
    const { manager } = managerWith({ aliases: { fast: openaiAlias() } }, { clock, registry });
    const error = await driveUntilSettled(clock, manager.generate("fast", request)).catch((e: unknown) => e);
    expect(ProviderError.is(error) && error.kind).toBe("quota");
    expect(server.requests).toHaveLength(1);
  });

  it("rides out a burst of 529s with backoff", async () => {
    server.setFaults([{ fault: "overloaded", count: 3, path: "/v1/messages" }]);
    const clock = new ObservedClock();
    const { manager, ofType } = managerWith(
      { aliases: { claude: anthropicAlias({ rpm: 600, retry: { maxAttempts: 4, baseDelayMs: 200 } }) } },
      { clock, registry },
    );
    const result = await driveUntilSettled(clock, manager.generate("claude", request));
    expect(result.attempts).toBe(4);
    expect(server.requests.map((r) => r.status)).toEqual([529, 529, 529, 200]);
    expect(ofType("call.rate_limited").map((e) => [e.errorKind, e.status])).toEqual([
      ["overloaded", 529],
      ["overloaded", 529],
      ["overloaded", 529],
    ]);
    expect(ofType("call.retry").map((e) => e.delayMs)).toEqual([100, 200, 400]);
    // Each retry went out after the previous decrease, so each 529 halves the rate again.
    expect(
      ofType("limiter.adjusted")
        .filter((e) => e.reason === "rate_limited")
        .map((e) => e.rpm),
    ).toEqual([300, 150, 75]);
  });

  it("retries a reset connection and a cut stream", async () => {
    server.setFaults([{ fault: "reset", count: 1 }]);
    const clock = new ObservedClock();
    const { manager, ofType } = managerWith(
      { aliases: { fast: openaiAlias({ retry: { baseDelayMs: 10 } }) } },
      { clock, registry },
    );
    const afterReset = await driveUntilSettled(clock, manager.generate("fast", request, { stream: false }));
    expect(afterReset.attempts).toBe(2);
    expect(ofType("call.attempt_failed")[0]?.errorKind).toBe("transient");

    server.reset();
    server.setFaults([{ fault: "cut_stream", count: 1 }]);
    const afterCut = await driveUntilSettled(clock, manager.generate("fast", { ...request, maxTokens: 50 }));
    expect(afterCut.attempts).toBe(2);
    expect(server.requests.map((r) => r.outcome)).toEqual(["server_closed", "completed"]);
    const deltas = ofType("call.delta").filter((e) => e.callId === afterCut.callId);
    expect(
      deltas
        .filter((e) => e.attempt === 2)
        .map((e) => e.delta)
        .join(""),
    ).toBe(afterCut.response.text);
  });

  it("times out a slow attempt, closes its connection and retries", async () => {
    server.setFaults([{ fault: "slow_first_byte", count: 1 }]);
    const clock = new ObservedClock();
    const { manager, ofType } = managerWith(
      { aliases: { fast: openaiAlias({ timeoutMs: 120_000, retry: { baseDelayMs: 0 } }) } },
      { clock, registry },
    );
    const call = manager.generate("fast", request);
    while (server.requests.length === 0) await new Promise((resolve) => setImmediate(resolve));
    await clock.advance(120_000); // the attempt's timeout: far beyond the drive horizon, so moved by hand
    const result = await driveUntilSettled(clock, call);
    expect(result.attempts).toBe(2);
    expect(ofType("call.attempt_failed")[0]).toMatchObject({ errorKind: "timeout", durationMs: 120_000 });
    await server.waitForRequest((r) => r.index === 0);
    expect(server.requests[0]?.outcome).toBe("client_closed");
  });

  it("sends the injected fault header through unchanged", async () => {
    const clock = new ObservedClock();
    const { manager } = managerWith({ aliases: { fast: openaiAlias() } }, { clock, registry });
    const error = await driveUntilSettled(
      clock,
      manager.generate("fast", { ...request, headers: { [FAULT_HEADER]: "context_length" } }),
    ).catch((e: unknown) => e);
    expect(ProviderError.is(error) && error.kind).toBe("context_length");
  });
});
