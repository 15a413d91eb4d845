import { parseRetryAfterMs, type RateLimitInfo, readHeader } from "@weft/provider";

function readCount(headers: Headers, name: string): number | undefined {
  const value = Number.parseInt(readHeader(headers, name) ?? "", 10);
  return Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** Milliseconds from `now` until an RFC 3339 reset time; never negative; undefined when unparseable. */
function msUntil(text: string | undefined, now: number): number | undefined {
  if (text === undefined) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * Reads `anthropic-ratelimit-requests-{limit,remaining,reset}` and
 * `anthropic-ratelimit-tokens-{limit,remaining,reset}` (resets are RFC 3339 times, turned into
 * milliseconds from `now`) and `retry-after` into {@link RateLimitInfo}. Undefined when none is present.
 */
export function parseAnthropicRateLimit(
  headers: Headers | undefined,
  now: number = Date.now(),
): RateLimitInfo | undefined {
  if (!headers) return undefined;
  const info: Record<string, number | undefined> = {
    limitRequests: readCount(headers, "anthropic-ratelimit-requests-limit"),
    remainingRequests: readCount(headers, "anthropic-ratelimit-requests-remaining"),
    resetRequestsMs: msUntil(readHeader(headers, "anthropic-ratelimit-requests-reset"), now),
    limitTokens: readCount(headers, "anthropic-ratelimit-tokens-limit"),
    remainingTokens: readCount(headers, "anthropic-ratelimit-tokens-remaining"),
    resetTokensMs: msUntil(readHeader(headers, "anthropic-ratelimit-tokens-reset"), now),
    retryAfterMs: parseRetryAfterMs(headers, now),
  };
  for (const key of Object.keys(info)) if (info[key] === undefined) delete info[key];
  return Object.keys(info).length === 0 ? undefined : (info as RateLimitInfo);
}
