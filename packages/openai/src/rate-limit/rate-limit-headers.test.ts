import { describe, expect, it } from "vitest";
import { parseDurationMs } from "./parse-duration.js";
import { parseOpenAIRateLimit } from "./rate-limit-headers.js";

describe("parseDurationMs", () => {
  it.each([
    ["1s", 1_000],
    ["6m0s", 360_000],
    ["20ms", 20],
    ["1h2m3.5s", 3_723_500],
    ["0.5s", 500],
    ["2", 2_000],
    ["150us", 0.15],
  ])("reads %s as %d ms", (text, ms) => {
    expect(parseDurationMs(text)).toBe(ms);
  });

  it.each(["", "soon", "5 s", "1x", "s1"])("rejects %j", (text) => {
    expect(parseDurationMs(text)).toBeUndefined();
  });
});

describe("parseOpenAIRateLimit", () => {
  it("reads every x-ratelimit header and the retry-after wait", () => {
    const headers = new Headers({
      "x-ratelimit-limit-requests": "500",
      "x-ratelimit-remaining-requests": "499",
      "x-ratelimit-reset-requests": "120ms",
      "x-ratelimit-limit-tokens": "30000",
      "x-ratelimit-remaining-tokens": "29000",
      "x-ratelimit-reset-tokens": "6m0s",
      "retry-after-ms": "750",
    });
    expect(parseOpenAIRateLimit(headers)).toEqual({
      limitRequests: 500,
      remainingRequests: 499,
      resetRequestsMs: 120,
      limitTokens: 30_000,
      remainingTokens: 29_000,
      resetTokensMs: 360_000,
      retryAfterMs: 750,
    });
  });

  it("leaves out what was not sent, and is undefined when nothing was", () => {
    expect(parseOpenAIRateLimit(new Headers({ "x-ratelimit-remaining-tokens": "7" }))).toEqual({
      remainingTokens: 7,
    });
    expect(parseOpenAIRateLimit(new Headers({ "content-type": "application/json" }))).toBeUndefined();
    expect(parseOpenAIRateLimit(undefined)).toBeUndefined();
  });
});
