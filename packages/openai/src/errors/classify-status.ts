import type { ProviderErrorKind } from "@weft/provider";

/** What an OpenAI-style error body says, lower-cased: `error.type`, `error.code`, `error.message`. */
export interface ErrorBodyInfo {
  readonly type?: string | undefined;
  readonly code?: string | undefined;
  readonly message?: string | undefined;
}

const CONTEXT_LENGTH =
  /context[_ ]length|context window|maximum context|too many tokens|prompt is too long|input is too long|reduce the length/i;
const CONTENT_FILTER = /content[_ ]filter|content[_ ]policy|content management policy|safety system|flagged/i;
const QUOTA = /insufficient_quota|exceeded your current quota|quota exceeded|billing|credit balance/i;

function matches(info: ErrorBodyInfo, pattern: RegExp): boolean {
  return [info.code, info.type, info.message].some((text) => text !== undefined && pattern.test(text));
}

/** Classifies an error the server described in its body but without a usable HTTP status (in-stream errors). */
export function classifyErrorBody(info: ErrorBodyInfo): ProviderErrorKind {
  const label = `${info.code ?? ""} ${info.type ?? ""}`;
  if (matches(info, QUOTA)) return "quota";
  if (/rate_limit|rate limit/i.test(label)) return "rate_limit";
  if (/overloaded|capacity|unavailable/i.test(label)) return "overloaded";
  if (matches(info, CONTEXT_LENGTH)) return "context_length";
  if (matches(info, CONTENT_FILTER)) return "content_filter";
  if (/auth|permission|api_key/i.test(label)) return "auth";
  if (/invalid_request|not_found|invalid/i.test(label)) return "invalid_request";
  if (/server_error|api_error|internal|timeout/i.test(label)) return "transient";
  return "unknown";
}

/**
 * The kind of an HTTP error response: 429 is `rate_limit` unless the body says the quota is spent;
 * 503 and 529 `overloaded`; 408, 409 and other 5xx `transient`; 401/403 `auth`; 400/404/413/422
 * `invalid_request` unless the body names a context-length or content-filter problem.
 */
export function classifyHttpStatus(status: number, info: ErrorBodyInfo): ProviderErrorKind {
  if (status === 429) return matches(info, QUOTA) ? "quota" : "rate_limit";
  if (status === 402) return "quota";
  if (status === 503 || status === 529) return "overloaded";
  if (status === 408 || status === 409 || status >= 500) return "transient";
  if (status === 401 || status === 403) return matches(info, QUOTA) ? "quota" : "auth";
  if (status === 400 || status === 404 || status === 413 || status === 422) {
    if (matches(info, CONTEXT_LENGTH)) return "context_length";
    if (matches(info, CONTENT_FILTER)) return "content_filter";
    if (matches(info, QUOTA)) return "quota";
    return "invalid_request";
  }
  return "unknown";
}
