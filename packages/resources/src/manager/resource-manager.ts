import { type Clock, EventBus, systemClock } from "@weft/core";
import type { GenerateRequest } from "@weft/provider";
import type { ResourceConfig, ResourceConfigInput } from "../config/config-types.js";
import { describeResourceConfig } from "../config/describe-config.js";
import { parseResourceConfig } from "../config/parse-config.js";
import { ResourceError } from "../errors/resource-error.js";
import type { ResourceEvent } from "../events/resource-events.js";
import { ResourceMetrics } from "../metrics/resource-metrics.js";
import { ProviderRegistry } from "../registry/provider-registry.js";
import { allowsFallback } from "../retry/retry-policy.js";
import { Redactor } from "../secrets/redactor.js";
import { buildEndpoints } from "./build-endpoints.js";
import { callAlias } from "./call-alias.js";
import { answerFromCache, emitFailed, emitFinished, newCall } from "./call-outcome.js";
import { type CallRuntime, callFields, describeError } from "./call-state.js";
import { EndpointSelector } from "./endpoint-selector.js";
import type { EndpointState } from "./endpoint-state.js";
import type {
  CallResult,
  GenerateOptions,
  ResourceManagerOptions,
  ResourceSnapshot,
} from "./manager-types.js";
import { ResponseCache } from "./response-cache.js";

export type {
  CallResult,
  GenerateOptions,
  ResourceEventSink,
  ResourceManagerOptions,
  ResourceSnapshot,
} from "./manager-types.js";

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
  private readonly endpoints: ReadonlyMap<string, EndpointState>;
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
    const { endpoints, secrets } = buildEndpoints(
      this.config,
      options.registry ?? new ProviderRegistry(),
      this.clock,
      (event) => this.events.emit(event),
    );
    this.endpoints = endpoints;
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

  /** Whether `alias` is configured. */
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
    const call = newCall(`c${++this.nextId}`, alias, request, options, this.clock.now());
    const selector = this.selectors.get(alias);
    if (!selector) {
      const error = new ResourceError(
        "unknown_alias",
        `no alias named "${alias}" (known: ${this.aliases.join(", ") || "none"})`,
      );
      emitFailed(this.runtime, call, alias, error);
      throw error;
    }
    const key =
      this.cache && options.cache !== false
        ? this.cache.keyFor(selector.models, request, options.sampleId)
        : undefined;
    if (this.cache && key !== undefined) {
      const hit = await this.cache.get(key);
      if (hit) return answerFromCache(this.runtime, call, alias, key, hit);
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
        const inFlight = (this.endpoints.get(answer.endpoint) as EndpointState).slots.inFlight;
        return emitFinished(this.runtime, call, current, answer, inFlight);
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
        emitFailed(this.runtime, call, current, error);
        throw error;
      }
    }
  }
}
