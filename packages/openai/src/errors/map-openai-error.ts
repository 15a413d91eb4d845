import {
  buildProviderError,
  type ClientErrorContext,
  errorObjectOf,
  mapClientError,
  type ProviderError,
  parseRetryAfterMs,
  stringField,
} from "@weft/provider";
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from "openai";
import { classifyErrorBody, classifyHttpStatus, type ErrorBodyInfo } from "./classify-status.js";

/** Where an error happened: the provider name and secrets, plus the caller's signal. */
export type ErrorContext = ClientErrorContext;

function bodyInfo(body: unknown): ErrorBodyInfo {
  const inner = errorObjectOf(body);
  if (!inner) return { message: stringField(body) };
  return {
    type: stringField(inner.type),
    code: stringField(inner.code),
    message: stringField(inner.message),
  };
}

/**
 * Classifies anything the `openai` SDK (or the stream reading around it) throws into a
 * {@link ProviderError} (see `mapClientError`): HTTP errors by status and body, in-stream `error` payloads by
 * their type/code, connection resets and unparseable bodies as `transient`, SDK timeouts as `timeout`, and
 * everything after the caller's signal fired as `aborted`. API keys are redacted from message, body and cause.
 */
export function mapOpenAIError(error: unknown, context: ErrorContext): ProviderError {
  return mapClientError(error, context, {
    isUserAbort: (e) => e instanceof APIUserAbortError,
    isConnectionTimeout: (e) => e instanceof APIConnectionTimeoutError,
    isConnectionError: (e) => e instanceof APIConnectionError,
    fromApiError: (e) => (e instanceof APIError ? fromApiError(e, context) : undefined),
  });
}

function fromApiError(error: APIError, context: ErrorContext): ProviderError {
  const info = bodyInfo(error.error);
  const requestId = error.requestID ?? undefined;
  if (error.status === undefined) {
    // An error object sent inside a 200 stream.
    const kind = classifyErrorBody(info);
    return buildProviderError(kind, `error in stream: ${info.message ?? error.message}`, context, error, {
      ...(requestId ? { requestId } : {}),
      responseBody: error.error,
    });
  }
  const kind = classifyHttpStatus(error.status, info);
  const retryAfterMs = kind === "quota" ? undefined : parseRetryAfterMs(error.headers);
  return buildProviderError(kind, error.message, context, error, {
    status: error.status,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    ...(requestId ? { requestId } : {}),
    responseBody: error.error,
  });
}
