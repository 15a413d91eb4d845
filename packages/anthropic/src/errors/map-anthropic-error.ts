import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
} from "@anthropic-ai/sdk";
import {
  buildProviderError,
  isConnectionFailure,
  ProviderError,
  type ProviderErrorContext,
  parseRetryAfterMs,
} from "@weft/provider";
import { type AnthropicErrorInfo, classifyAnthropicError } from "./classify-anthropic-error.js";

/** Where an error happened: the provider name and secrets of `ProviderErrorContext`, plus the caller's signal. */
export interface ErrorContext extends ProviderErrorContext {
  /** The caller's signal: once it has fired, every failure is `aborted`. */
  readonly signal?: AbortSignal | undefined;
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
    return buildProviderError("aborted", "the request was aborted", context, error);
  }
  if (ProviderError.is(error)) return error;
  if (error instanceof APIConnectionTimeoutError)
    return buildProviderError("timeout", error.message, context, error);
  if (error instanceof APIConnectionError)
    return buildProviderError("transient", error.message, context, error);
  if (error instanceof APIError) {
    const info = errorInfo(error.error);
    const requestId = error.requestID ?? undefined;
    const kind = classifyAnthropicError(error.status, info);
    const retryAfterMs = kind === "quota" || !error.headers ? undefined : parseRetryAfterMs(error.headers);
    const message =
      error.status === undefined ? `error in stream: ${info.message ?? error.message}` : error.message;
    return buildProviderError(kind, message, context, error, {
      ...(error.status === undefined ? {} : { status: error.status }),
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      ...(requestId ? { requestId } : {}),
      responseBody: error.error,
    });
  }
  if (error instanceof SyntaxError)
    return buildProviderError("transient", `malformed response: ${error.message}`, context, error);
  if (isConnectionFailure(error))
    return buildProviderError("transient", `connection failed: ${(error as Error).message}`, context, error);
  return buildProviderError(
    "unknown",
    error instanceof Error ? error.message : String(error),
    context,
    error,
  );
}
