import type { ResourceEvent } from "@weft/resources";
import type { LiveMark } from "./live-marks.js";

type MarkArgs = LiveMark["args"];

const mark = (
  name: string,
  category: string,
  event: ResourceEvent,
  alias: string | undefined,
  args: MarkArgs,
): LiveMark => ({
  name,
  category,
  time: event.time,
  alias,
  runId: undefined,
  args,
});

/**
 * The mark a resource event leaves, if any: 429/overloaded refusals, retries, fallbacks, budget events, cache
 * hits and limiter changes. A limiter change names only its endpoint; its alias is resolved at snapshot time.
 */
export function resourceMark(event: ResourceEvent): LiveMark | undefined {
  const nodeId = event.context?.nodeId;
  switch (event.type) {
    case "call.rate_limited":
      return mark(
        event.status === 429 ? "429 rate limited" : event.errorKind.replace("_", " "),
        "rate_limit",
        event,
        event.alias,
        {
          callId: event.callId,
          endpoint: event.endpoint,
          attempt: event.attempt,
          errorKind: event.errorKind,
          status: event.status,
          retryAfterMs: event.retryAfterMs,
          nodeId,
        },
      );
    case "call.retry":
      return mark("retry", "retry", event, event.alias, {
        callId: event.callId,
        endpoint: event.endpoint,
        attempt: event.attempt,
        nextAttempt: event.nextAttempt,
        delayMs: event.delayMs,
        errorKind: event.errorKind,
        nodeId,
      });
    case "call.fallback":
      return mark(`fallback to ${event.toAlias}`, "fallback", event, event.alias, {
        callId: event.callId,
        toAlias: event.toAlias,
        attempts: event.attempts,
        errorKind: event.errorKind,
        nodeId,
      });
    case "call.finished":
      if (!event.cached) return undefined;
      return mark("cache hit", "cache", event, event.alias, {
        callId: event.callId,
        nodeId,
        inputTokens: event.usage.inputTokens,
        outputTokens: event.usage.outputTokens,
      });
    case "budget.reserved":
      return mark("budget reserved", "budget", event, event.alias, {
        callId: event.callId,
        budget: event.budget,
        usd: event.usd,
        tokens: event.tokens,
        waitedMs: event.waitedMs,
      });
    case "budget.settled":
      return mark("budget settled", "budget", event, event.alias, {
        callId: event.callId,
        budget: event.budget,
        usd: event.usd,
        tokens: event.tokens,
        calls: event.calls,
      });
    case "budget.exceeded":
      return mark("budget exceeded", "budget", event, event.alias, {
        callId: event.callId,
        budget: event.budget,
        limit: event.limit,
        cap: event.cap,
        spent: event.spent,
        requested: event.requested,
      });
    case "limiter.adjusted":
      return mark("limiter adjusted", "limiter", event, undefined, {
        endpoint: event.endpoint,
        reason: event.reason,
        rpm: event.rpm,
        previousRpm: event.previousRpm,
        tpm: event.tpm,
        previousTpm: event.previousTpm,
      });
    default:
      return undefined;
  }
}
