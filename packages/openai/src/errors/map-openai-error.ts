import {
  buildProviderError,
  isConnectionFailure,
  ProviderError,
  type ProviderErrorContext,
  parseRetryAfterMs,
} from "@weft/provider";
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from "openai";
import { classifyErrorBody, classifyHttpStatus, type ErrorBodyInfo } from "./classify-status.js";

/** Where an error happened: the provider name and secrets of `ProviderErrorContext`, plus the caller's signal. */
export interface ErrorContext extends ProviderErrorContext {
  /** The caller's signal: once it has fired, every failure is `aborted`. */
  readonly signal?: AbortSignal | undefined;
}

function textOf(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

function bodyInfo(body: unknown): ErrorBodyInfo {
  if (typeof body !== "object" || body === null) return { message: textOf(body) };
  const record = body as Record<string, unknown>;
  const inner =
    typeof record.error === "object" && record.error !== null
      ? (record.error as Record<string, unknown>)
      : record;
  return { type: textOf(inner.type), code: textOf(inner.code), message: textOf(inner.message) };
}

function isAbortLike(error: unknown): boolean {
  return error instanceof APIUserAbortError || (error instanceof Error && error.name === "AbortError");
}

/**
 * Classifies anything the `openai` SDK (or the stream reading around it) throws into a
 * {@link ProviderError}: HTTP errors by status and body, in-stream `error` payloads by their type/code,
 * connection resets and unparseable bodies as `transient`, SDK timeouts as `timeout`, and everything
 * after the caller's signal fired as `aborted`. API keys are redacted from message, body and cause.
 */
export function mapOpenAIError(error: unknown, context: ErrorContext): ProviderError {
  if (context.signal?.aborted || isAbortLike(error)) {
    return buildProviderError("aborted", "the request was aborted", context, error);
  }
  if (ProviderError.is(error)) return error;
  if (error instanceof APIConnectionTimeoutError)
    return buildProviderError("timeout", error.message, context, error);
  if (error instanceof APIConnectionError)
    return buildProviderError("transient", error.message, context, error);
  if (error instanceof APIError) {
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
  if (error instanceof SyntaxError)
    return buildProviderError("transient", `malformed response: ${error.message}`, context, error);
  if (isConnectionFailure(error)) {
    return buildProviderError("transient", `connection failed: ${(error as Error).message}`, context, error);
  }
  return buildProviderError(
    "unknown",
    error instanceof Error ? error.message : String(error),
    context,
    error,
  );
}
