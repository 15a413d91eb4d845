import type { LanguageModel, ProviderErrorKind } from "@weft/provider";
import type { AdaptiveOptions } from "../limits/rate-limiter-types.js";
import type { ModelPrice } from "../pricing/model-price.js";
import type { RetryOptions, RetryPolicy } from "../retry/retry-policy.js";
import type { Secret } from "../secrets/secret.js";

/**
 * A model named by data, turned into a `LanguageModel` by the provider registry the application fills:
 * `{ provider: "openai", model: "gpt-4o-mini" }`.
 */
export interface ModelDescription {
  /** The registry key, e.g. `"openai"`, `"anthropic"`. */
  readonly provider: string;
  /** The vendor's model id. */
  readonly model: string;
  /** Server URL, for self-hosted or compatible servers. Default: the provider's own. */
  readonly baseURL?: string;
  /** The API key, or `${ENV_NAME}` to read it from the environment. Default: the provider's own lookup. */
  readonly apiKey?: string | Secret;
  /**
   * Extra HTTP headers for every request of the endpoint, passed to the provider factory. A value that refers to
   * `${ENV_NAME}` anywhere (`"Bearer ${API_TOKEN}"`), or whose name looks like a credential (`Authorization`,
   * `x-api-key`, ...), becomes a `Secret`; dumps show no header value. Default: none.
   */
  readonly headers?: Readonly<Record<string, string | Secret>>;
  /**
   * Extra JSON options passed to the provider factory. Every string that refers to `${ENV_NAME}` anywhere, and
   * every string under a key that looks like a credential (`apiKey`, `token`, `secret`, `password`, ...), becomes a
   * `Secret`; the factory receives the values, dumps and errors never do. Default: none.
   */
  readonly options?: Readonly<Record<string, unknown>>;
}

/** Settings every endpoint inherits unless it sets its own (config `defaults`). */
export interface EndpointDefaultsInput {
  /** Most calls in flight on one endpoint. Default: unlimited. */
  readonly maxConcurrent?: number;
  /** Per-attempt timeout in milliseconds. Default: 120,000. */
  readonly timeoutMs?: number;
  /** Seconds of traffic a full rate bucket lets through at once. Default: 1. */
  readonly burstSeconds?: number;
  /** Retry settings, merged field by field. Defaults: see `RetryOptions`. */
  readonly retry?: RetryOptions;
  /** Adaptive rates (on by default); `false` keeps the configured rates fixed. */
  readonly adaptive?: boolean | AdaptiveOptions;
}

/** One concrete model behind an alias, with its own limits, timeout, retry and pricing. */
export interface EndpointConfigInput extends EndpointDefaultsInput {
  /** Name in events and metrics. Default: the key under `endpoints`, or `<alias>#<index>` inline. */
  readonly id?: string;
  readonly model: LanguageModel | ModelDescription;
  /** Requests per minute. Default: unlimited (until the server's headers say otherwise). */
  readonly rpm?: number;
  /** Input plus output tokens per minute. Default: unlimited (until the server's headers say otherwise). */
  readonly tpm?: number;
  /** Prices for this endpoint. Default: config `pricing`, then the built-in table by model id. */
  readonly pricing?: ModelPrice;
  /** Share of traffic under round robin, and divisor of load under least loaded. Default: 1. */
  readonly weight?: number;
  /** Most output tokens the model can produce, for budgets when a call sets no `maxTokens`. Default: the model's capability. */
  readonly maxOutputTokens?: number;
}

/** How an alias spreads calls over its endpoints. */
export type LoadBalancing = "round_robin" | "least_loaded";

/** An alias: one or more endpoints (inline, or names from `endpoints`), a strategy and fallbacks. */
export interface AliasConfigInput {
  readonly endpoints: readonly (string | EndpointConfigInput)[];
  /** Default: `"least_loaded"`. */
  readonly strategy?: LoadBalancing;
  /** Aliases tried in order when this one fails on a kind in `fallbackOn` after its retries. Default: none. */
  readonly fallbacks?: readonly string[];
  /** Failure kinds that move a call to the fallbacks. Default: `DEFAULT_FALLBACK_KINDS`. */
  readonly fallbackOn?: readonly ProviderErrorKind[];
}

/** The response cache (off unless configured). */
export interface CacheConfigInput {
  /** Default: true once a `cache` block is given. */
  readonly enabled?: boolean;
  /** Entries the in-memory LRU keeps. Default: 1,000. */
  readonly maxEntries?: number;
  /** A directory for the on-disk store that survives restarts. Default: memory only. */
  readonly directory?: string;
}

/**
 * A resource config as written (object, JSON or YAML). An alias may also be written as a single endpoint
 * (`aliases: { fast: { model: {...}, rpm: 500 } }`).
 */
export interface ResourceConfigInput {
  /** Physical endpoints shared by name between aliases (their limits are global to the process). */
  readonly endpoints?: Readonly<Record<string, EndpointConfigInput>>;
  readonly aliases: Readonly<Record<string, AliasConfigInput | EndpointConfigInput>>;
  /** Price overrides by model id (USD per million tokens). */
  readonly pricing?: Readonly<Record<string, ModelPrice>>;
  readonly defaults?: EndpointDefaultsInput;
  readonly cache?: CacheConfigInput;
}

/** A validated endpoint, defaults applied; `model.apiKey` is a `Secret`. */
export interface EndpointConfig {
  readonly id: string;
  readonly model: LanguageModel | ModelDescription;
  readonly maxConcurrent: number | undefined;
  readonly rpm: number | undefined;
  readonly tpm: number | undefined;
  readonly burstSeconds: number;
  readonly timeoutMs: number;
  readonly retry: RetryPolicy;
  readonly adaptive: false | AdaptiveOptions;
  readonly pricing: ModelPrice | undefined;
  readonly weight: number;
  readonly maxOutputTokens: number | undefined;
}

/** A validated alias: endpoint ids, strategy, fallbacks. */
export interface AliasConfig {
  readonly endpoints: readonly string[];
  readonly strategy: LoadBalancing;
  readonly fallbacks: readonly string[];
  readonly fallbackOn: readonly ProviderErrorKind[];
}

/** The validated cache settings. */
export interface CacheConfig {
  readonly maxEntries: number;
  readonly directory: string | undefined;
}

/**
 * A validated resource config: every endpoint (inline ones included) under `endpoints` by id, aliases naming
 * them. It is itself a valid {@link ResourceConfigInput}.
 */
export interface ResourceConfig {
  readonly endpoints: Readonly<Record<string, EndpointConfig>>;
  readonly aliases: Readonly<Record<string, AliasConfig>>;
  readonly pricing: Readonly<Record<string, ModelPrice>>;
  readonly cache: CacheConfig | undefined;
}
