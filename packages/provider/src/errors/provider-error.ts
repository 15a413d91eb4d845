import { applyBrand, brandCheck, WeftError } from "./weft-error.js";

/**
 * Why a provider call failed. Providers classify; the resources layer decides what to do.
 *
 * - `rate_limit`: too many requests or tokens for now (HTTP 429); wait and retry.
 * - `quota`: the account is out of credit (429 `insufficient_quota`); never retried.
 * - `overloaded`: the service is overloaded (529, 503); back off and retry.
 * - `transient`: a passing failure (5xx, 408, 409, a reset connection, a cut stream).
 * - `timeout`: the attempt took too long.
 * - `auth`: bad or missing credentials (401, 403).
 * - `invalid_request`: the request is wrong (400, 404, 422); retrying cannot help.
 * - `context_length`: the prompt does not fit the model's context window.
 * - `content_filter`: the provider refused the content.
 * - `aborted`: the caller's AbortSignal fired.
 * - `unknown`: anything else.
 */
export type ProviderErrorKind =
  | "rate_limit"
  | "quota"
  | "overloaded"
  | "transient"
  | "timeout"
  | "auth"
  | "invalid_request"
  | "context_length"
  | "content_filter"
  | "aborted"
  | "unknown";

/** Every {@link ProviderErrorKind}, in a stable order. */
export const PROVIDER_ERROR_KINDS: readonly ProviderErrorKind[] = [
  "rate_limit",
  "quota",
  "overloaded",
  "transient",
  "timeout",
  "auth",
  "invalid_request",
  "context_length",
  "content_filter",
  "aborted",
  "unknown",
];

const RETRYABLE_KINDS: ReadonlySet<ProviderErrorKind> = new Set([
  "rate_limit",
  "overloaded",
  "transient",
  "timeout",
]);

/** Whether an error of this kind is worth retrying by default. */
export function isRetryableKind(kind: ProviderErrorKind): boolean {
  return RETRYABLE_KINDS.has(kind);
}

/** Fields of a {@link ProviderError}. */
export interface ProviderErrorOptions {
  readonly kind: ProviderErrorKind;
  readonly message: string;
  /** The provider's name, for example `"openai.chat"`. */
  readonly provider?: string;
  /** HTTP status, when there was a response. */
  readonly status?: number;
  /** How long the provider asked us to wait, in milliseconds (from `retry-after-ms` / `retry-after`). */
  readonly retryAfterMs?: number;
  /** Overrides the kind's default retryability. */
  readonly isRetryable?: boolean;
  /** The provider's request id, for support tickets. */
  readonly requestId?: string;
  /** The raw response body (text or parsed JSON), for debugging. */
  readonly responseBody?: unknown;
  readonly cause?: unknown;
}

const PROVIDER_ERROR_BRAND = Symbol.for("weft.error.provider");

/**
 * A failed provider call, classified by {@link ProviderErrorKind}.
 *
 * `isRetryable` defaults to true for `rate_limit`, `overloaded`, `transient` and `timeout`.
 *
 * @example
 * ```ts
 * throw new ProviderError({ kind: "rate_limit", message: "slow down", status: 429, retryAfterMs: 1200 });
 * ```
 */
export class ProviderError extends WeftError {
  readonly kind: ProviderErrorKind;
  readonly provider: string | undefined;
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;
  readonly isRetryable: boolean;
  readonly requestId: string | undefined;
  readonly responseBody: unknown;

  constructor(options: ProviderErrorOptions) {
    super("provider_error", options.message, { cause: options.cause });
    applyBrand(this, PROVIDER_ERROR_BRAND);
    this.kind = options.kind;
    this.provider = options.provider;
    this.status = options.status;
    this.retryAfterMs = options.retryAfterMs;
    this.isRetryable = options.isRetryable ?? isRetryableKind(options.kind);
    this.requestId = options.requestId;
    this.responseBody = options.responseBody;
  }

  /** True for a ProviderError from any installed copy of weft. */
  static override is(value: unknown): value is ProviderError {
    return isProviderError(value);
  }
}

const isProviderError = brandCheck<ProviderError>(PROVIDER_ERROR_BRAND);
