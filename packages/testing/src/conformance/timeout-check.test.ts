import { describe, expect, it } from "vitest";
import { MockLanguageModel } from "../mock-model/mock-language-model.js";
import { failWith } from "../mock-model/mock-results.js";
import { failing, options, outcome, retrying } from "../test-support/conformance-harness.js";
import { CONFORMANCE_TIMEOUT_MS } from "./conformance-options.js";

// The timeout check in process; over real HTTP it runs in provider-conformance.test.ts and in the
// provider packages' conformance tests.
const check = "timeout: a reply held past the per-attempt timeout";

describe("the timeout check", () => {
  it("asks createTimeoutModel for the short timeout and passes a model that reports kind timeout", async () => {
    const asked: number[] = [];
    const createTimeoutModel = (timeoutMs: number) => {
      asked.push(timeoutMs);
      return new MockLanguageModel({ generate: failWith("timeout") });
    };
    expect(await outcome(options({ createTimeoutModel }), check)).toBe("passed");
    expect(asked).toEqual([CONFORMANCE_TIMEOUT_MS, CONFORMANCE_TIMEOUT_MS]);
  });

  it("fails a timeout classified as a passing failure", async () => {
    const createTimeoutModel = () => new MockLanguageModel({ generate: failWith("transient") });
    expect(await outcome(options({ createTimeoutModel }), check)).toMatch(
      /^failed: generate with the first byte held back: expected kind timeout, got transient/,
    );
  });

  it("fails a stream that times out as something else, or finishes", async () => {
    const stream = (result: ReturnType<typeof failWith> | string) => () =>
      new MockLanguageModel({ generate: failWith("timeout"), stream: result });
    expect(await outcome(options({ createTimeoutModel: stream(failWith("unknown")) }), check)).toMatch(
      /^failed: stream with the first byte held back: expected kind timeout, got unknown/,
    );
    expect(await outcome(options({ createTimeoutModel: stream("late but whole") }), check)).toMatch(
      /^failed: stream with the first byte held back: expected the stream to fail/,
    );
  });

  it("fails a timeout that was retried, when the injector counts requests", async () => {
    const timedOut = new MockLanguageModel({ generate: failWith("timeout") });
    const injectFault: typeof failing = (asked) =>
      asked === "slow_first_byte" ? { requestCount: () => timedOut.calls.length } : failing(asked);
    const createTimeoutModel = () => retrying(timedOut);
    expect(await outcome(options({ injectFault, createTimeoutModel }), check)).toMatch(
      /^failed: generate with the first byte held back: the server received 3 requests/,
    );
  });

  it("fails a provider that leaves the held connection open, when the injector can tell", async () => {
    const injectFault: typeof failing = (asked) =>
      asked === "slow_first_byte" ? { clientClosed: async () => false } : failing(asked);
    expect(await outcome(options({ injectFault }), check)).toMatch(
      /^failed: generate with the first byte held back: the server did not see the connection closed/,
    );
  });

  it("is skipped when the author gives no way to shorten the timeout", async () => {
    expect(await outcome(options({ createTimeoutModel: undefined }), check)).toBe(
      "skipped: no createTimeoutModel to shorten the per-attempt timeout",
    );
  });
});
