import { describe, expect, it } from "vitest";
import { parseAnthropicRateLimit } from "./rate-limit-headers.js";

describe("parseAnthropicRateLimit", () => {
  it("reads anthropic-ratelimit-* headers with RFC 3339 resets relative to now", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    const headers = new Headers({
      "anthropic-ratelimit-requests-limit": "50",
      "anthropic-ratelimit-requests-remaining": "49",
      "anthropic-ratelimit-requests-reset": "2026-01-01T00:00:01.5Z",
      "anthropic-ratelimit-tokens-limit": "40000",
      "anthropic-ratelimit-tokens-remaining": "39000",
      "anthropic-ratelimit-tokens-reset": "2026-01-01T00:01:00Z",
      "retry-after": "2",
    });
    expect(parseAnthropicRateLimit(headers, now)).toEqual({
      limitRequests: 50,
      remainingRequests: 49,
      resetRequestsMs: 1500,
      limitTokens: 40_000,
      remainingTokens: 39_000,
      resetTokensMs: 60_000,
      retryAfterMs: 2000,
    });
  });

  it("is undefined without rate-limit headers", () => {
    expect(parseAnthropicRateLimit(new Headers({ "content-type": "application/json" }))).toBeUndefined();
  });
});
