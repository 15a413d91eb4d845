import { describe, expect, it } from "vitest";
import { failing, options, outcome, retrying } from "../test-support/conformance-harness.js";
import { RETRYABLE_FAULTS } from "./conformance-options.js";
import { providerConformanceChecks } from "./provider-conformance.js";

// The retry checks in process: each call of a mock model stands for one HTTP request. The check over real
// HTTP, against an SDK left at its default retries, is in provider-conformance.test.ts.

describe("the retry checks", () => {
  it("has one check per retryable fault the suite covers", () => {
    const names = (faults?: Parameters<typeof options>[0]) =>
      providerConformanceChecks(options(faults))
        .map((check) => check.name)
        .filter((name) => name.startsWith("retries:"));
    expect(names()).toEqual(
      RETRYABLE_FAULTS.map((fault) => `retries: a call failing with ${fault} sends exactly one request`),
    );
    expect(names({ faults: ["quota", "reset"] })).toEqual([
      "retries: a call failing with reset sends exactly one request",
    ]);
  });

  it.each(RETRYABLE_FAULTS)(
    "fails a provider that retries %s as vendor SDKs do by default",
    async (fault) => {
      const injectFault: typeof failing = (asked) => {
        const injection = failing(asked);
        return injection.model ? { ...injection, model: retrying(injection.model) } : injection;
      };
      expect(await outcome(options({ injectFault }), `retries: a call failing with ${fault}`)).toMatch(
        new RegExp(`^failed: generate with ${fault}: the server received 3 requests for one call`),
      );
    },
  );

  it("fails a stream that is retried even when generate is not", async () => {
    const injectFault: typeof failing = (asked) => {
      const injection = failing(asked);
      if (!injection.model) return injection;
      const { model } = injection;
      return {
        ...injection,
        model: { ...model, generate: model.generate.bind(model), stream: retrying(model).stream },
      };
    };
    expect(await outcome(options({ injectFault }), "retries: a call failing with overloaded")).toMatch(
      /^failed: stream with overloaded: the server received 3 requests/,
    );
  });

  it("fails when the server saw no request, and is skipped without requestCount", async () => {
    const silent: typeof failing = (asked) => ({ ...failing(asked), requestCount: () => 0 });
    expect(await outcome(options({ injectFault: silent }), "retries: a call failing with reset")).toMatch(
      /the server received no request/,
    );
    const uncounted: typeof failing = (asked) => ({ ...failing(asked), requestCount: undefined });
    expect(await outcome(options({ injectFault: uncounted }), "retries: a call failing with reset")).toBe(
      "skipped: the fault injector does not report requestCount",
    );
  });
});
