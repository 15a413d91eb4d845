import { ProviderError, type ProviderErrorKind } from "@weft/provider";

/** How an endpoint retries a failed attempt. */
export interface RetryOptions {
  /** Attempts per alias, the first included; 1 disables retries. Default: 4. */
  readonly maxAttempts?: number;
  /** Backoff base: attempt n waits a uniform random time in [0, min(maxDelayMs, baseDelayMs * 2^(n-1))). Default: 500. */
  readonly baseDelayMs?: number;
  /** Upper bound of one backoff. Default: 30,000. */
  readonly maxDelayMs?: number;
  /** The longest server-requested wait (`retry-after`) honoured; a longer one surfaces the error. Default: 60,000. */
  readonly maxRetryAfterMs?: number;
}

/** {@link RetryOptions} with every default applied. */
export type RetryPolicy = Required<RetryOptions>;

/** The defaults of {@link RetryOptions}. */
export const DEFAULT_RETRY: RetryPolicy = Object.freeze({
  maxAttempts: 4,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 60_000,
});

/** Kinds that are never retried, whatever a provider says: waiting cannot fix them. */
export const NEVER_RETRIED: ReadonlySet<ProviderErrorKind> = new Set([
  "quota",
  "auth",
  "invalid_request",
  "context_length",
  "aborted",
]);

/** Whether another attempt could succeed: a retryable `ProviderError` of a kind not in {@link NEVER_RETRIED}. */
export function isRetryableError(error: unknown): boolean {
  return ProviderError.is(error) && error.isRetryable && !NEVER_RETRIED.has(error.kind);
}

/** What to do after a failed attempt. */
export type RetryDecision =
  | { readonly retry: true; readonly delayMs: number }
  | {
      readonly retry: false;
      readonly reason: "not_retryable" | "attempts_exhausted" | "retry_after_too_long";
    };

/**
 * Decides whether attempt `attempt` (1-based) gets a successor and how long to wait: exponential backoff with full
 * jitter, but never less than the server's `retryAfterMs`; a `retryAfterMs` above the cap surfaces the error.
 * `random` returns a number in [0, 1) (injected so tests are exact).
 */
export function decideRetry(
  error: unknown,
  attempt: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): RetryDecision {
  if (!isRetryableError(error)) return { retry: false, reason: "not_retryable" };
  if (attempt >= policy.maxAttempts) return { retry: false, reason: "attempts_exhausted" };
  const retryAfterMs = (error as ProviderError).retryAfterMs;
  if (retryAfterMs !== undefined && retryAfterMs > policy.maxRetryAfterMs) {
    return { retry: false, reason: "retry_after_too_long" };
  }
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  const jitter = random() * ceiling;
  return { retry: true, delayMs: Math.max(retryAfterMs ?? 0, jitter) };
}

/** Kinds that may move a call to a fallback alias by default: another model or account may not share the problem. */
export const DEFAULT_FALLBACK_KINDS: readonly ProviderErrorKind[] = [
  "rate_limit",
  "overloaded",
  "transient",
  "timeout",
  "quota",
  "auth",
  "context_length",
  "unknown",
];

/** Whether a failure that exhausted an alias may move to a fallback alias (never budget, abort or bad requests). */
export function allowsFallback(error: unknown, kinds: readonly ProviderErrorKind[]): boolean {
  return ProviderError.is(error) && kinds.includes(error.kind);
}
