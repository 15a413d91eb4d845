import type { WeftEvent } from "@weft/core";
import type { FinishReason, ProviderErrorKind, Usage } from "@weft/provider";
import type { BudgetLimitKind } from "../errors/budget-exceeded-error.js";

/** Where a call's time went, in clock milliseconds. Waits are summed over attempts and fallbacks. */
export interface CallTimings {
  /** Waiting for a budget reservation while others were in flight. */
  readonly budgetWaitMs: number;
  /** Waiting for a concurrency slot on an endpoint. */
  readonly queueWaitMs: number;
  /** Waiting for the rate limiter's buckets. */
  readonly rateLimitWaitMs: number;
  /** Backing off between attempts. */
  readonly retryWaitMs: number;
  /** The provider call of the attempt that answered. */
  readonly serviceMs: number;
  /** From `generate` to its result. */
  readonly totalMs: number;
}

/** Fields every event of one call carries (its `context` is the caller's, echoed). */
interface CallEvent<T extends string> extends WeftEvent<T> {
  /** Unique per call within the manager, e.g. `"c42"`. */
  readonly callId: string;
  /** The alias this event concerns (after a fallback: the fallback alias). */
  readonly alias: string;
}

/** Fields of events about one attempt on one endpoint. */
interface AttemptEvent<T extends string> extends CallEvent<T> {
  readonly endpoint: string;
  /** 1-based, counted per alias. */
  readonly attempt: number;
}

/** All slots of the endpoint are held; the call waits in priority order. */
export interface CallQueuedEvent extends AttemptEvent<"call.queued"> {
  readonly priority: number;
  /** Calls waiting for a slot on the endpoint, this one included. */
  readonly queueDepth: number;
  readonly inFlight: number;
}

/** The call waited for the endpoint's rate limiter (emitted after the wait, with its length). */
export interface CallThrottledEvent extends AttemptEvent<"call.throttled"> {
  readonly waitedMs: number;
}

/** An attempt was sent to the provider. */
export interface CallStartedEvent extends AttemptEvent<"call.started"> {
  /** The endpoint slot it holds, lowest free first: a stable swim lane. */
  readonly slot: number;
  readonly inFlight: number;
  readonly queueDepth: number;
  /** `provider:modelId` of the model called. */
  readonly model: string;
  readonly stream: boolean;
}

/** A piece of streamed output. Deltas of an attempt that later fails are superseded by the next attempt's. */
export interface CallDeltaEvent extends AttemptEvent<"call.delta"> {
  readonly kind: "text" | "reasoning";
  readonly delta: string;
}

/** An attempt failed (closes its `call.started` span). */
export interface CallAttemptFailedEvent extends AttemptEvent<"call.attempt_failed"> {
  readonly slot: number;
  readonly inFlight: number;
  readonly errorKind: ProviderErrorKind | undefined;
  readonly errorCode: string | undefined;
  readonly message: string;
  readonly durationMs: number;
}

/** The server refused an attempt for load (429 or 529/503). */
export interface CallRateLimitedEvent extends AttemptEvent<"call.rate_limited"> {
  readonly errorKind: "rate_limit" | "overloaded";
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;
}

/** Another attempt follows after `delayMs`. */
export interface CallRetryEvent extends AttemptEvent<"call.retry"> {
  readonly nextAttempt: number;
  readonly delayMs: number;
  readonly errorKind: ProviderErrorKind | undefined;
}

/** The alias gave up; the call moves to `toAlias`. */
export interface CallFallbackEvent extends CallEvent<"call.fallback"> {
  readonly toAlias: string;
  readonly errorKind: ProviderErrorKind | undefined;
  readonly attempts: number;
}

/** The call answered (from a provider or the cache). */
export interface CallFinishedEvent extends CallEvent<"call.finished"> {
  /** The endpoint that answered; `undefined` for a cache hit. */
  readonly endpoint: string | undefined;
  readonly attempt: number;
  /** Total attempts over all aliases. */
  readonly attempts: number;
  readonly slot: number | undefined;
  readonly inFlight: number;
  readonly requestedAlias: string;
  readonly cached: boolean;
  readonly usage: Usage;
  /** `undefined` when the price or usage is unknown; 0 for a cache hit. */
  readonly costUsd: number | undefined;
  readonly finishReason: FinishReason;
  readonly timings: CallTimings;
}

/** The call failed for good. */
export interface CallFailedEvent extends CallEvent<"call.failed"> {
  readonly endpoint: string | undefined;
  readonly attempts: number;
  readonly requestedAlias: string;
  readonly errorKind: ProviderErrorKind | undefined;
  readonly errorCode: string | undefined;
  readonly message: string;
  readonly timings: CallTimings;
}

/** Budget was reserved for the call's worst case. */
export interface BudgetReservedEvent extends CallEvent<"budget.reserved"> {
  readonly budget: string;
  readonly usd: number;
  readonly tokens: number;
  readonly waitedMs: number;
}

/**
 * An attempt's reservation was settled: `usd`, `tokens` and `calls` are what it cost the budget. `basis` says how
 * that was decided: `usage` (the answer's actual usage at the endpoint's prices), `reported_usage` (a failed
 * attempt whose usage the provider reported), `unbilled` (refused before generation: refunded), `worst_case` (a
 * failure that may have been billed, or an answer whose cost is unknown: the attempt's worst case).
 */
export interface BudgetSettledEvent extends CallEvent<"budget.settled"> {
  readonly budget: string;
  /** 1-based, counted per alias. */
  readonly attempt: number;
  readonly basis: "usage" | "reported_usage" | "unbilled" | "worst_case";
  readonly usd: number;
  readonly tokens: number;
  readonly calls: number;
}

/** The budget refused the call. */
export interface BudgetExceededEvent extends CallEvent<"budget.exceeded"> {
  readonly budget: string;
  readonly limit: BudgetLimitKind;
  readonly cap: number;
  readonly spent: number;
  readonly requested: number;
}

/** An endpoint's rate limiter changed its rates. */
export interface LimiterAdjustedEvent extends WeftEvent<"limiter.adjusted"> {
  readonly endpoint: string;
  readonly reason: "rate_limited" | "recovered" | "headers";
  readonly rpm: number | undefined;
  readonly previousRpm: number | undefined;
  readonly tpm: number | undefined;
  readonly previousTpm: number | undefined;
}

/** The response cache answered the call. */
export interface CacheHitEvent extends CallEvent<"cache.hit"> {
  /** The cache key (a sha256 hex digest). */
  readonly key: string;
}

/** Every event a `ResourceManager` emits, discriminated by `type`. */
export type ResourceEvent =
  | CallQueuedEvent
  | CallThrottledEvent
  | CallStartedEvent
  | CallDeltaEvent
  | CallAttemptFailedEvent
  | CallRateLimitedEvent
  | CallRetryEvent
  | CallFallbackEvent
  | CallFinishedEvent
  | CallFailedEvent
  | BudgetReservedEvent
  | BudgetSettledEvent
  | BudgetExceededEvent
  | LimiterAdjustedEvent
  | CacheHitEvent;

/** The `type` of every {@link ResourceEvent}. */
export type ResourceEventType = ResourceEvent["type"];
