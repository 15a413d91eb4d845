import type { ProviderErrorKind } from "@weft/provider";

/** The `error` object of an Anthropic error body: `{ type: "error", error: { type, message, details } }`. */
export interface AnthropicErrorInfo {
  readonly type?: string | undefined;
  readonly message?: string | undefined;
  /** `error.details.error_code`, e.g. `"enforced_spend_limit_reached"`. */
  readonly errorCode?: string | undefined;
}

const CONTEXT_LENGTH = /prompt is too long|context window|context length|too many tokens|input is too long/i;
const QUOTA = /credit balance|quota|billing|spend[_ ]limit|usage limit/i;

function isQuota(info: AnthropicErrorInfo): boolean {
  return [info.type, info.message, info.errorCode].some((text) => text !== undefined && QUOTA.test(text));
}

/** Kinds of Anthropic's documented error types. */
const BY_TYPE: Readonly<Record<string, ProviderErrorKind>> = {
  rate_limit_error: "rate_limit",
  overloaded_error: "overloaded",
  api_error: "transient",
  timeout_error: "transient",
  conflict_error: "transient",
  authentication_error: "auth",
  permission_error: "auth",
  billing_error: "quota",
  not_found_error: "invalid_request",
  request_too_large: "invalid_request",
  invalid_request_error: "invalid_request",
};

function refine(kind: ProviderErrorKind, info: AnthropicErrorInfo): ProviderErrorKind {
  if (isQuota(info)) return "quota";
  if (kind === "invalid_request" && CONTEXT_LENGTH.test(info.message ?? "")) return "context_length";
  return kind;
}

/**
 * Classifies an Anthropic error from its HTTP status (undefined for an `error` event inside a 200
 * stream) and its error object. 429 `rate_limit_error` is `rate_limit`, 529 `overloaded_error`
 * `overloaded`, a spent credit balance or spend limit (`details.error_code`) `quota` (never retried),
 * "prompt is too long" `context_length`.
 */
export function classifyAnthropicError(
  status: number | undefined,
  info: AnthropicErrorInfo,
): ProviderErrorKind {
  if (status === undefined) return refine(BY_TYPE[info.type ?? ""] ?? "unknown", info);
  if (status === 429) return isQuota(info) ? "quota" : "rate_limit";
  if (status === 402) return "quota";
  if (status === 503 || status === 529) return "overloaded";
  if (status === 408 || status === 409 || status >= 500) return "transient";
  if (status === 401 || status === 403) return "auth";
  if (status === 400 || status === 404 || status === 413 || status === 422)
    return refine("invalid_request", info);
  return refine(BY_TYPE[info.type ?? ""] ?? "unknown", info);
}
