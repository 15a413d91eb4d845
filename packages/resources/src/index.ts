export type { BudgetAmount, BudgetLimits } from "./budget/budget-ledger.js";
export type {
  BudgetActual,
  BudgetDemandInput,
  BudgetRemaining,
  BudgetReservation,
  BudgetTrackerOptions,
} from "./budget/budget-tracker.js";
export { BudgetTracker } from "./budget/budget-tracker.js";
export { estimateInputTokens } from "./budget/estimate-tokens.js";
export type { StreamDelta } from "./call/collect-stream.js";
export type { BudgetExceededErrorOptions, BudgetLimitKind } from "./errors/budget-exceeded-error.js";
export { BudgetExceededError } from "./errors/budget-exceeded-error.js";
export type { ConfigIssue } from "./errors/resource-config-error.js";
export { ResourceConfigError } from "./errors/resource-config-error.js";
export type { ResourceErrorCode } from "./errors/resource-error.js";
export { ResourceError } from "./errors/resource-error.js";
export type {
  AdaptiveOptions,
  RateAdjustment,
  RateLimiterOptions,
  RateOutcome,
  RateTicket,
} from "./limits/rate-limiter.js";
export { RateLimiter } from "./limits/rate-limiter.js";
export type { Slot, SlotRequest } from "./limits/slot-pool.js";
export { SlotPool } from "./limits/slot-pool.js";
export { TokenBucket } from "./limits/token-bucket.js";
export { findPrice } from "./pricing/find-price.js";
export type { ModelPrice } from "./pricing/model-price.js";
export { costOf, worstCaseCost } from "./pricing/model-price.js";
export type { PriceTableRow } from "./pricing/price-table.js";
export { BUILTIN_PRICES, PRICE_TABLE_NOTICE } from "./pricing/price-table.js";
export type { RetryDecision, RetryOptions, RetryPolicy } from "./retry/retry-policy.js";
export { DEFAULT_RETRY, decideRetry, isRetryableError, NEVER_RETRIED } from "./retry/retry-policy.js";
export { Secret } from "./secrets/secret.js";
