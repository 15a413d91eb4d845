import { parseRetryAfterMs, type RateLimitInfo, readHeader } from "@weft/provider";
import { parseDurationMs } from "./parse-duration.js";

function readCount(headers: Headers, name: string): number | undefined {
  const value = Number.parseInt(readHeader(headers, name) ?? "", 10);
  return Number.isFinite(value) && value >= 0 ? value : undefined;
}

/**
 * Reads OpenAI's `x-ratelimit-{limit,remaining,reset}-{requests,tokens}` headers and
 * `retry-after-ms` / `retry-after` into {@link RateLimitInfo}. Undefined when none is present.
 */
export function parseOpenAIRateLimit(
  headers: Headers | undefined,
  now: number = Date.now(),
): RateLimitInfo | undefined {
  if (!headers) return undefined;
  const info: Record<string, number | undefined> = {
    limitRequests: readCount(headers, "x-ratelimit-limit-requests"),
    remainingRequests: readCount(headers, "x-ratelimit-remaining-requests"),
    resetRequestsMs: parseDurationMs(readHeader(headers, "x-ratelimit-reset-requests")),
    limitTokens: readCount(headers, "x-ratelimit-limit-tokens"),
    remainingTokens: readCount(headers, "x-ratelimit-remaining-tokens"),
    resetTokensMs: parseDurationMs(readHeader(headers, "x-ratelimit-reset-tokens")),
    retryAfterMs: parseRetryAfterMs(headers, now),
  };
  for (const key of Object.keys(info)) if (info[key] === undefined) delete info[key];
  return Object.keys(info).length === 0 ? undefined : (info as RateLimitInfo);
}
