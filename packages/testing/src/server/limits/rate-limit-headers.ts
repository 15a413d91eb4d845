import type { LimitSnapshot } from "./server-limits.js";

/** OpenAI's duration style for reset headers: `120ms`, `1.5s`, `6m0s`, `1h2m3s`. */
export function formatResetDuration(ms: number): string {
  if (ms < 1000) return `${Math.ceil(ms)}ms`;
  const totalSeconds = ms / 1000;
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = Math.round((totalSeconds % 60) * 1000) / 1000;
  if (hours > 0) return `${hours}h${minutes}m${seconds}s`;
  if (minutes > 0) return `${minutes}m${seconds}s`;
  return `${seconds}s`;
}

/** The `x-ratelimit-*` headers OpenAI sends on every reply. */
export function openaiRateLimitHeaders(snapshot: LimitSnapshot): Record<string, string> {
  return {
    "x-ratelimit-limit-requests": String(snapshot.limitRequests),
    "x-ratelimit-remaining-requests": String(snapshot.remainingRequests),
    "x-ratelimit-reset-requests": formatResetDuration(snapshot.resetRequestsMs),
    "x-ratelimit-limit-tokens": String(snapshot.limitTokens),
    "x-ratelimit-remaining-tokens": String(snapshot.remainingTokens),
    "x-ratelimit-reset-tokens": formatResetDuration(snapshot.resetTokensMs),
  };
}

/** The `anthropic-ratelimit-*` headers Anthropic sends on every reply; resets are RFC 3339 times. */
export function anthropicRateLimitHeaders(snapshot: LimitSnapshot, wallNow: number): Record<string, string> {
  const at = (ms: number) =>
    new Date(wallNow + Math.ceil(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
  return {
    "anthropic-ratelimit-requests-limit": String(snapshot.limitRequests),
    "anthropic-ratelimit-requests-remaining": String(snapshot.remainingRequests),
    "anthropic-ratelimit-requests-reset": at(snapshot.resetRequestsMs),
    "anthropic-ratelimit-tokens-limit": String(snapshot.limitTokens),
    "anthropic-ratelimit-tokens-remaining": String(snapshot.remainingTokens),
    "anthropic-ratelimit-tokens-reset": at(snapshot.resetTokensMs),
  };
}

/** `retry-after-ms` (exact) and `retry-after` (whole seconds, rounded up) for a wait. */
export function retryAfterHeaders(ms: number): Record<string, string> {
  return {
    "retry-after-ms": String(Math.ceil(ms)),
    "retry-after": String(Math.max(1, Math.ceil(ms / 1000))),
  };
}
