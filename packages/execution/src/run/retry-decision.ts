import { WeftError } from "@weft/provider";

/** How a node's failure is handled by the scheduler (plait-spec 7.3, with a cap on rate-limit requeues). */
export type FailureDecision =
  | { readonly action: "retry"; readonly delayMs: number }
  | { readonly action: "fail"; readonly stopsLlm: boolean };

/** The scheduler's retry settings. */
export interface TaskRetryOptions {
  /** Retries of a node whose leaf threw a `TransientError`. Default: 0. */
  readonly maxTaskRetries?: number;
  /** Base delay of those retries, doubled each time: `delay * 2 ** retry`. Default: 1,000 ms. */
  readonly taskRetryDelayMs?: number;
  /** Requeues of a node whose leaf threw a `RateLimitError` (the Python original had no cap). Default: 5. */
  readonly maxRateLimitRetries?: number;
}

function codeOf(error: unknown): string | undefined {
  return WeftError.is(error) ? error.code : undefined;
}

/**
 * Decides what a node failure leads to. Only failures thrown by user leaf code are retried here: a leaf's
 * `RateLimitError` (code `rate_limit`) waits its `retryAfterMs` (else the backoff) and requeues, up to
 * `maxRateLimitRetries`; a `TransientError` (code `transient`) backs off exponentially up to `maxTaskRetries`.
 * Provider failures of LLM nodes were already retried by the resource manager (the one retry owner) and fail
 * the node. A `BudgetExceededError` fails the node and stops new LLM tasks. Timeouts are never retried (the
 * caller checks them first).
 */
export function decideFailure(
  error: unknown,
  retryCount: number,
  options: TaskRetryOptions = {},
): FailureDecision {
  const code = codeOf(error);
  const base = options.taskRetryDelayMs ?? 1_000;
  if (code === "rate_limit" && retryCount < (options.maxRateLimitRetries ?? 5)) {
    const after = (error as { retryAfterMs?: unknown }).retryAfterMs;
    return {
      action: "retry",
      delayMs: typeof after === "number" && after >= 0 ? after : base * 2 ** retryCount,
    };
  }
  if (code === "transient" && retryCount < (options.maxTaskRetries ?? 0)) {
    return { action: "retry", delayMs: base * 2 ** retryCount };
  }
  return { action: "fail", stopsLlm: code === "budget_exceeded" };
}
