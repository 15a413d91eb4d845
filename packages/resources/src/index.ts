export type { BudgetAmount, BudgetLimits } from "./budget/budget-ledger.js";
export type { BudgetTrackerOptions } from "./budget/budget-tracker.js";
export { BudgetTracker } from "./budget/budget-tracker.js";
export {
  estimateInputTokens,
  HIDDEN_PROMPT_ALLOWANCE_TOKENS,
  MESSAGE_OVERHEAD_TOKENS,
  REQUEST_OVERHEAD_TOKENS,
  TOKENS_PER_SCHEMA_BYTE,
  TOOL_OVERHEAD_TOKENS,
} from "./budget/estimate-tokens.js";
export type { AttemptProgress, FailedAttemptCharge } from "./budget/failed-attempt-charge.js";
export { failedAttemptCharge, UNBILLED_FAILURE_KINDS } from "./budget/failed-attempt-charge.js";
export type { CacheKeyInput } from "./cache/cache-key.js";
export { cacheKey, canonicalJson } from "./cache/cache-key.js";
export { DiskStore } from "./cache/disk-store.js";
export type { ResponseStore } from "./cache/response-store.js";
export { MemoryStore, TieredStore } from "./cache/response-store.js";
export type { StreamDelta } from "./call/collect-stream.js";
export type {
  AliasConfig,
  AliasConfigInput,
  CacheConfig,
  CacheConfigInput,
  EndpointConfig,
  EndpointConfigInput,
  EndpointDefaultsInput,
  LoadBalancing,
  ModelDescription,
  ResourceConfig,
  ResourceConfigInput,
} from "./config/config-types.js";
export { describeResourceConfig } from "./config/describe-config.js";
export type { LoadConfigOptions } from "./config/load-config.js";
export { loadResourceConfig } from "./config/load-config.js";
export type { ParseConfigOptions } from "./config/parse-config.js";
export { DEFAULT_CACHE_ENTRIES, DEFAULT_TIMEOUT_MS, parseResourceConfig } from "./config/parse-config.js";
export type { BudgetExceededErrorOptions, BudgetLimitKind } from "./errors/budget-exceeded-error.js";
export { BudgetExceededError } from "./errors/budget-exceeded-error.js";
export type { ConfigIssue } from "./errors/resource-config-error.js";
export { ResourceConfigError } from "./errors/resource-config-error.js";
export type { ResourceErrorCode } from "./errors/resource-error.js";
export { ResourceError } from "./errors/resource-error.js";
export type {
  BudgetExceededEvent,
  BudgetReservedEvent,
  BudgetSettledEvent,
  CacheHitEvent,
  CallAttemptFailedEvent,
  CallDeltaEvent,
  CallFailedEvent,
  CallFallbackEvent,
  CallFinishedEvent,
  CallQueuedEvent,
  CallRateLimitedEvent,
  CallRetryEvent,
  CallStartedEvent,
  CallThrottledEvent,
  CallTimings,
  LimiterAdjustedEvent,
  ResourceEvent,
  ResourceEventType,
} from "./events/resource-events.js";
export { RateLimiter } from "./limits/rate-limiter.js";
export type {
  AdaptiveOptions,
  RateAdjustment,
  RateLimiterOptions,
  RateOutcome,
  RateTicket,
} from "./limits/rate-limiter-types.js";
export { MAX_PAUSE_MS } from "./limits/rate-limiter-types.js";
export type { Slot, SlotRequest } from "./limits/slot-pool.js";
export { SlotPool } from "./limits/slot-pool.js";
export { TokenBucket } from "./limits/token-bucket.js";
export type { EndpointStatus } from "./manager/endpoint-state.js";
export type {
  CallResult,
  GenerateOptions,
  ResourceEventSink,
  ResourceManagerOptions,
  ResourceSnapshot,
} from "./manager/manager-types.js";
export { ResourceManager } from "./manager/resource-manager.js";
export type { GroupMetrics, MetricsSnapshot } from "./metrics/resource-metrics.js";
export { ResourceMetrics } from "./metrics/resource-metrics.js";
export type { Percentiles } from "./metrics/sample-window.js";
export { findPrice } from "./pricing/find-price.js";
export type { ModelPrice } from "./pricing/model-price.js";
export { costOf, worstCaseCost } from "./pricing/model-price.js";
export type { PriceTableRow } from "./pricing/price-table.js";
export { BUILTIN_PRICES, PRICE_TABLE_NOTICE } from "./pricing/price-table.js";
export type { ModelFactory, ResolvedModelDescription } from "./registry/provider-registry.js";
export { ProviderRegistry } from "./registry/provider-registry.js";
export type { RetryDecision, RetryOptions, RetryPolicy } from "./retry/retry-policy.js";
export {
  allowsFallback,
  DEFAULT_FALLBACK_KINDS,
  DEFAULT_RETRY,
  decideRetry,
  isRetryableError,
  NEVER_RETRIED,
} from "./retry/retry-policy.js";
export { Secret } from "./secrets/secret.js";
export { looksLikeCredential } from "./secrets/secret-values.js";
