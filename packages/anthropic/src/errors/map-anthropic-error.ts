import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
} from "@anthropic-ai/sdk";
import { ProviderError, type ProviderErrorKind, parseRetryAfterMs } from "@weft/provider";
import { type AnthropicErrorInfo, classifyAnthropicError } from "./classify-anthropic-error.js";
import { leaksSecret, redactText, redactValue } from "./redact.js";

/** Where an error happened, for classification and redaction. */
export interface ErrorContext {
  /** The model's provider name, `"anthropic.messages"`. */
  readonly provider: string;
  /** The caller's signal: once it has fired, every failure is `aborted`. */
  readonly signal?: AbortSignal | undefined;
  /** Values that must never appear in the error (the API key). */
  readonly secrets: readonly string[];
}

function textOf(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

function errorInfo(body: unknown): AnthropicErrorInfo {
  if (typeof body !== "object" || body === null) return { message: textOf(body) };
  const record = body as Record<string, unknown>;
  const inner =
    typeof record.error === "object" && record.error !== null
      ? (record.error as Record<string, unknown>)
      : record;
  const details =
    typeof inner.details === "object" && inner.details !== null
      ? (inner.details as Record<string, unknown>)
      : {};
  return { type: textOf(inner.type), message: textOf(inner.message), errorCode: textOf(details.error_code) };
}

function isConnectionFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const cause = (error as { cause?: unknown }).cause;
  const code = typeof cause === "object" && cause !== null ? (cause as { code?: unknown }).code : undefined;
  return (
    /terminated|fetch failed|socket|ECONNRESET|EPIPE|other side closed/i.test(error.message) ||
    (typeof code === "string" && /^(ECONNRESET|EPIPE|ECONNREFUSED|UND_ERR_SOCKET)$/.test(code))
  );
}

function build(
  kind: ProviderErrorKind,
  message: string,
  context: ErrorContext,
  cause: unknown,
  extra: { status?: number; retryAfterMs?: number; requestId?: string; responseBody?: unknown } = {},
): ProviderError {
  const safeCause = leaksSecret(cause, context.secrets)
    ? new Error(redactText(cause instanceof Error ? cause.message : String(cause), context.secrets))
    : cause;
  return new ProviderError({
    kind,
    message: `${context.provider}: ${redactText(message, context.secrets)}`,
    provider: context.provider,
    ...extra,
    responseBody: redactValue(extra.responseBody, context.secrets),
    cause: safeCause,
  });
}

/**
 * Classifies anything the `@anthropic-ai/sdk` client (or stream reading) throws into a
 * {@link ProviderError}: HTTP errors by status and error type, `error` events inside a 200 stream by
 * their type (`overloaded_error` mid-stream is `overloaded`), resets and unparseable bodies as
 * `transient`, SDK timeouts as `timeout`, anything after the caller's signal fired as `aborted`.
 * API keys are redacted from message, body and cause.
 */
export function mapAnthropicError(error: unknown, context: ErrorContext): ProviderError {
  if (
    context.signal?.aborted ||
    error instanceof APIUserAbortError ||
    (error instanceof Error && error.name === "AbortError")
  ) {
    return build("aborted", "the request was aborted", context, error);
  }
  if (ProviderError.is(error)) return error;
  if (error instanceof APIConnectionTimeoutError) return build("timeout", error.message, context, error);
  if (error instanceof APIConnectionError) return build("transient", error.message, context, error);
  if (error instanceof APIError) {
    const info = errorInfo(error.error);
    const requestId = error.requestID ?? undefined;
    const kind = classifyAnthropicError(error.status, info);
    const retryAfterMs = kind === "quota" || !error.headers ? undefined : parseRetryAfterMs(error.headers);
    const message =
      error.status === undefined ? `error in stream: ${info.message ?? error.message}` : error.message;
    return build(kind, message, context, error, {
      ...(error.status === undefined ? {} : { status: error.status }),
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      ...(requestId ? { requestId } : {}),
      responseBody: error.error,
    });
  }
  if (error instanceof SyntaxError)
    return build("transient", `malformed response: ${error.message}`, context, error);
  if (isConnectionFailure(error))
    return build("transient", `connection failed: ${(error as Error).message}`, context, error);
  return build("unknown", error instanceof Error ? error.message : String(error), context, error);
}
