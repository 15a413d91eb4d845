import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
} from "@anthropic-ai/sdk";
import {
  buildProviderError,
  type ClientErrorContext,
  errorObjectOf,
  mapClientError,
  type ProviderError,
  parseRetryAfterMs,
  stringField,
} from "@weft/provider";
import { type AnthropicErrorInfo, classifyAnthropicError } from "./classify-anthropic-error.js";

/** Where an error happened: the provider name and secrets, plus the caller's signal. */
export type ErrorContext = ClientErrorContext;

function errorInfo(body: unknown): AnthropicErrorInfo {
  const inner = errorObjectOf(body);
  if (!inner) return { message: stringField(body) };
  const details =
    typeof inner.details === "object" && inner.details !== null
      ? (inner.details as Record<string, unknown>)
      : {};
  return {
    type: stringField(inner.type),
    message: stringField(inner.message),
    errorCode: stringField(details.error_code),
  };
}

/**
 * Classifies anything the `@anthropic-ai/sdk` client (or stream reading) throws into a
 * {@link ProviderError} (see `mapClientError`): HTTP errors by status and error type, `error` events inside a
 * 200 stream by their type (`overloaded_error` mid-stream is `overloaded`), resets and unparseable bodies as
 * `transient`, SDK timeouts as `timeout`, anything after the caller's signal fired as `aborted`.
 * API keys are redacted from message, body and cause.
 */
export function mapAnthropicError(error: unknown, context: ErrorContext): ProviderError {
  return mapClientError(error, context, {
    isUserAbort: (e) => e instanceof APIUserAbortError,
    isConnectionTimeout: (e) => e instanceof APIConnectionTimeoutError,
    isConnectionError: (e) => e instanceof APIConnectionError,
    fromApiError: (e) => (e instanceof APIError ? fromApiError(e, context) : undefined),
  });
}

function fromApiError(error: APIError, context: ErrorContext): ProviderError {
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
