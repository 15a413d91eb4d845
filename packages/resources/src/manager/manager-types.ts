import type { Clock, EventContext } from "@weft/core";
import type { GenerateResponse } from "@weft/provider";
import type { BudgetTracker } from "../budget/budget-tracker.js";
import type { ResponseStore } from "../cache/response-store.js";
import type { CallTimings, ResourceEvent } from "../events/resource-events.js";
import type { MetricsSnapshot } from "../metrics/resource-metrics.js";
import type { ProviderRegistry } from "../registry/provider-registry.js";
import type { EndpointStatus } from "./endpoint-state.js";

/** Options of a {@link ResourceManager}. */
export interface ResourceManagerOptions {
  /** Every wait and timestamp goes through it. Default: `systemClock`. */
  readonly clock?: Clock;
  /** Turns model descriptions into models. Default: an empty registry (only `LanguageModel` instances work). */
  readonly registry?: ProviderRegistry;
  /**
   * Also receives every event (for example a run's bus whose union includes `ResourceEvent`). Events always go
   * to `manager.events` as well. Default: none.
   */
  readonly events?: ResourceEventSink;
  /** Environment for `${ENV}` secrets when the config is not yet validated. Default: `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Random numbers in [0, 1) for retry jitter. Default: `Math.random`. */
  readonly random?: () => number;
  /** A response store to use instead of the one `config.cache` describes (turns the cache on). */
  readonly cacheStore?: ResponseStore;
}

/** Anything that takes resource events, such as an `EventBus` whose event union includes `ResourceEvent`. */
export interface ResourceEventSink {
  emit(event: ResourceEvent): void;
}

/** Per-call options of {@link ResourceManager.generate}. */
export interface GenerateOptions {
  /** Aborts the call in whatever stage it is; it rejects with a `ProviderError` of kind `aborted`. */
  readonly signal?: AbortSignal;
  /** Higher is served first when an endpoint's slots are all held. Default: 0. */
  readonly priority?: number;
  /** Echoed on every event of the call. */
  readonly context?: EventContext;
  /** Reserved before the call, settled after. Default: none. */
  readonly budget?: BudgetTracker;
  /** Stream the reply (publishing `call.delta` events). Default: whether the model can stream. */
  readonly stream?: boolean;
  /** Part of the cache key, so a new id asks for a fresh sample. Default: none. */
  readonly sampleId?: string;
  /** Per-attempt timeout in ms. Default: the endpoint's `timeoutMs`. */
  readonly timeoutMs?: number;
  /** Use the response cache for this call (when one is configured). Default: true. */
  readonly cache?: boolean;
}

/** The outcome of one {@link ResourceManager.generate} call. */
export interface CallResult {
  readonly callId: string;
  readonly response: GenerateResponse;
  /** What the call cost in USD: `undefined` when the price or usage is unknown, 0 for a cache hit. */
  readonly costUsd: number | undefined;
  /** Provider attempts over all aliases (0 for a cache hit). */
  readonly attempts: number;
  /** The alias that answered (differs from `requestedAlias` after a fallback). */
  readonly alias: string;
  readonly requestedAlias: string;
  /** The endpoint that answered; `undefined` for a cache hit. */
  readonly endpoint: string | undefined;
  /** True when the answer came from the response cache (`response.usage` is then the original call's). */
  readonly cached: boolean;
  readonly timings: CallTimings;
}

/** A snapshot of a manager: metrics and each endpoint's live state. */
export interface ResourceSnapshot extends MetricsSnapshot {
  readonly endpointStatus: Readonly<Record<string, EndpointStatus>>;
}
