import type { CallSpan } from "../model/profile-model.js";
import type { WaitTotals } from "./analysis-types.js";

/** Sums the waits of `calls` by kind. */
export function waitTotals(calls: Iterable<CallSpan>): WaitTotals {
  let queueMs = 0;
  let rateLimitMs = 0;
  let retryBackoffMs = 0;
  let budgetMs = 0;
  for (const call of calls) {
    for (const wait of call.waits) {
      const length = wait.endMs - wait.startMs;
      if (wait.kind === "queue") queueMs += length;
      else if (wait.kind === "rate_limit") rateLimitMs += length;
      else if (wait.kind === "retry_backoff") retryBackoffMs += length;
      else budgetMs += length;
    }
  }
  return { queueMs, rateLimitMs, retryBackoffMs, budgetMs };
}
