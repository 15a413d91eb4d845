import { type Clock, EventBus, type EventContext, systemClock } from "@weft/core";
import {
  type GenerateRequest,
  type GenerateResponse,
  isLanguageModel,
  type LanguageModel,
} from "@weft/provider";
import type { BudgetTracker } from "../budget/budget-tracker.js";
import { estimateInputTokens } from "../budget/estimate-tokens.js";
import type { ResponseStore } from "../cache/response-store.js";
import type { ResourceConfig, ResourceConfigInput } from "../config/config-types.js";
import { describeResourceConfig } from "../config/describe-config.js";
import { parseResourceConfig } from "../config/parse-config.js";
import { ResourceConfigError } from "../errors/resource-config-error.js";
import { ResourceError } from "../errors/resource-error.js";
import type { CallTimings, ResourceEvent } from "../events/resource-events.js";
import { type MetricsSnapshot, ResourceMetrics } from "../metrics/resource-metrics.js";
import { ProviderRegistry } from "../registry/provider-registry.js";
import { allowsFallback } from "../retry/retry-policy.js";
import { Redactor } from "../secrets/redactor.js";
import { Secret } from "../secrets/secret.js";
import { callAlias } from "./call-alias.js";
import {
  type CallRuntime,
  type CallState,
  callFields,
  describeError,
  messageOf,
  timingsOf,
} from "./call-state.js";
import { EndpointSelector } from "./endpoint-selector.js";
import { EndpointState, type EndpointStatus } from "./endpoint-state.js";
import { ResponseCache } from "./response-cache.js";

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

/**
 * The one place LLM calls go through, created once and shared by every run, batch and stream of the process so
 * limits are global. Each call passes budget reservation, a priority slot on an endpoint, rate limiting, the
 * provider call with a per-attempt timeout, retry with jittered backoff, fallback to other aliases, and
 * settlement, emitting typed events at each stage.
 *
 * @example
 * ```ts
 * const manager = new ResourceManager({ aliases: { fast: { model: { provider: "openai", model: "gpt-4o-mini", apiKey: "${OPENAI_API_KEY}" }, rpm: 500 } } }, { registry });
 * const { response, costUsd } = await manager.generate("fast", { messages: [{ role: "user", content: "Hi" }] });
 * ```
 */
export class ResourceManager {
  /** Typed events of every call. */
  readonly events: EventBus<ResourceEvent>;
  readonly config: ResourceConfig;
  private readonly clock: Clock;
  private readonly runtime: CallRuntime;
  private readonly endpoints = new Map<string, EndpointState>();
  private readonly selectors = new Map<string, EndpointSelector>();
  private readonly metrics: ResourceMetrics;
  private readonly cache: ResponseCache | undefined;
  private nextId = 0;

  constructor(config: ResourceConfigInput | ResourceConfig, options: ResourceManagerOptions = {}) {
    this.config = parseResourceConfig(config, { env: options.env });
    this.clock = options.clock ?? systemClock;
    this.events = new EventBus<ResourceEvent>();
    const sink = options.events;
    if (sink) this.events.onAny((event) => sink.emit(event));
    const registry = options.registry ?? new ProviderRegistry();
    const secrets: Secret[] = [];
    const issues: { path: string; message: string }[] = [];
    for (const [id, endpoint] of Object.entries(this.config.endpoints)) {
      const model = this.modelOf(endpoint.model, registry, id, issues);
      if (!isLanguageModel(endpoint.model) && Secret.is(endpoint.model.apiKey))
        secrets.push(endpoint.model.apiKey);
      if (!model) continue;
      this.endpoints.set(
        id,
        new EndpointState(endpoint, model, this.config.pricing, this.clock, (endpointId, adjustment) =>
          this.events.emit({
            type: "limiter.adjusted",
            time: this.clock.now(),
            endpoint: endpointId,
            ...adjustment,
          }),
        ),
      );
    }
    if (issues.length > 0) throw new ResourceConfigError(issues);
    for (const [alias, spec] of Object.entries(this.config.aliases)) {
      const states = spec.endpoints.map((id) => this.endpoints.get(id) as EndpointState);
      this.selectors.set(alias, new EndpointSelector(states, spec.strategy));
    }
    this.runtime = {
      clock: this.clock,
      random: options.random ?? Math.random,
      redactor: new Redactor(secrets),
      emit: (event) => this.events.emit(event),
    };
    this.metrics = new ResourceMetrics(this.events);
    this.cache = ResponseCache.create(this.config.cache, options.cacheStore);
  }

  /** Same as `new ResourceManager(config, options)`. */
  static fromConfig(
    config: ResourceConfigInput | ResourceConfig,
    options: ResourceManagerOptions = {},
  ): ResourceManager {
    return new ResourceManager(config, options);
  }

  /** The configured aliases. */
  get aliases(): readonly string[] {
    return [...this.selectors.keys()];
  }

  has(alias: string): boolean {
    return this.selectors.has(alias);
  }

  /** The config as JSON-safe data with every secret redacted. */
  describeConfig(): Record<string, unknown> {
    return describeResourceConfig(this.config);
  }

  /** Metrics per alias and endpoint, plus each endpoint's live slots, queues and rates. */
  snapshot(): ResourceSnapshot {
    const endpointStatus = Object.fromEntries([...this.endpoints].map(([id, state]) => [id, state.status()]));
    return { ...this.metrics.snapshot(), endpointStatus };
  }

  /**
   * Makes one LLM call through the whole path and resolves with the response, its cost, the attempts it took,
   * who answered, whether it was cached, and its timings. Rejects with the last `ProviderError` (kind `aborted`
   * when the signal fired), a `BudgetExceededError`, or a `ResourceError`; messages never contain secrets.
   */
  async generate(
    alias: string,
    request: GenerateRequest,
    options: GenerateOptions = {},
  ): Promise<CallResult> {
    const call: CallState = {
      callId: `c${++this.nextId}`,
      requestedAlias: alias,
      request,
      context: options.context,
      priority: options.priority ?? 0,
      signal: options.signal,
      budget: options.budget,
      stream: options.stream,
      timeoutMs: options.timeoutMs,
      inputTokens: estimateInputTokens(request),
      startedAt: this.clock.now(),
      attempts: 0,
      lastEndpoint: undefined,
      budgetWaitMs: 0,
      queueWaitMs: 0,
      rateLimitWaitMs: 0,
      retryWaitMs: 0,
      serviceMs: 0,
    };
    const selector = this.selectors.get(alias);
    if (!selector) {
      const error = new ResourceError(
        "unknown_alias",
        `no alias named "${alias}" (known: ${this.aliases.join(", ") || "none"})`,
      );
      this.failed(call, alias, error);
      throw error;
    }
    const key =
      this.cache && options.cache !== false
        ? this.cache.keyFor(selector.models, request, options.sampleId)
        : undefined;
    if (this.cache && key !== undefined) {
      const hit = await this.cache.get(key);
      if (hit) return this.answerFromCache(call, alias, key, hit);
    }
    const spec = this.config.aliases[alias] as NonNullable<ResourceConfig["aliases"][string]>;
    const chain = [alias, ...spec.fallbacks];
    for (let index = 0; ; index++) {
      const current = chain[index] as string;
      try {
        const answer = await callAlias(
          this.runtime,
          call,
          current,
          this.selectors.get(current) as EndpointSelector,
        );
        if (this.cache && key !== undefined && answer.response.finishReason.unified !== "error") {
          await this.cache.set(key, answer.response);
        }
        const result: CallResult = {
          callId: call.callId,
          response: answer.response,
          costUsd: answer.costUsd,
          attempts: call.attempts,
          alias: current,
          requestedAlias: alias,
          endpoint: answer.endpoint,
          cached: false,
          timings: timingsOf(call, this.clock.now()),
        };
        this.events.emit({
          type: "call.finished",
          ...callFields(this.runtime, call, current),
          endpoint: answer.endpoint,
          attempt: answer.attempt,
          attempts: call.attempts,
          slot: answer.slot,
          inFlight: (this.endpoints.get(answer.endpoint) as EndpointState).slots.inFlight,
          requestedAlias: alias,
          cached: false,
          usage: answer.response.usage,
          costUsd: answer.costUsd,
          finishReason: answer.response.finishReason,
          timings: result.timings,
        });
        return result;
      } catch (raw) {
        const error = this.runtime.redactor.error(raw);
        const next = chain[index + 1];
        if (next !== undefined && !call.signal?.aborted && allowsFallback(error, spec.fallbackOn)) {
          this.events.emit({
            type: "call.fallback",
            ...callFields(this.runtime, call, current),
            toAlias: next,
            errorKind: describeError(error).errorKind,
            attempts: call.attempts,
          });
          continue;
        }
        this.failed(call, current, error);
        throw error;
      }
    }
  }

  private answerFromCache(
    call: CallState,
    alias: string,
    key: string,
    response: GenerateResponse,
  ): CallResult {
    const fields = callFields(this.runtime, call, alias);
    this.events.emit({ type: "cache.hit", ...fields, key });
    if (call.stream && response.text.length > 0) {
      this.events.emit({
        type: "call.delta",
        ...fields,
        endpoint: "cache",
        attempt: 0,
        kind: "text",
        delta: response.text,
      });
    }
    const timings = timingsOf(call, this.clock.now());
    this.events.emit({
      type: "call.finished",
      ...fields,
      endpoint: undefined,
      attempt: 0,
      attempts: 0,
      slot: undefined,
      inFlight: 0,
      requestedAlias: alias,
      cached: true,
      usage: response.usage,
      costUsd: 0,
      finishReason: response.finishReason,
      timings,
    });
    return {
      callId: call.callId,
      response,
      costUsd: 0,
      attempts: 0,
      alias,
      requestedAlias: alias,
      endpoint: undefined,
      cached: true,
      timings,
    };
  }

  private failed(call: CallState, alias: string, error: unknown): void {
    this.events.emit({
      type: "call.failed",
      ...callFields(this.runtime, call, alias),
      endpoint: call.lastEndpoint,
      attempts: call.attempts,
      requestedAlias: call.requestedAlias,
      ...describeError(error),
      message: messageOf(error, this.runtime.redactor),
      timings: timingsOf(call, this.clock.now()),
    });
  }

  private modelOf(
    model: LanguageModel | import("../config/config-types.js").ModelDescription,
    registry: ProviderRegistry,
    id: string,
    issues: { path: string; message: string }[],
  ): LanguageModel | undefined {
    if (isLanguageModel(model)) return model;
    try {
      return registry.resolve(model);
    } catch (error) {
      issues.push({ path: `endpoints.${id}.model.provider`, message: (error as Error).message });
      return undefined;
    }
  }
}
