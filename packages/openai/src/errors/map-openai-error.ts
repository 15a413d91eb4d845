import { ProviderError, type ProviderErrorKind, parseRetryAfterMs } from "@weft/provider";
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from "openai";
import { classifyErrorBody, classifyHttpStatus, type ErrorBodyInfo } from "./classify-status.js";
import { leaksSecret, redactText, redactValue } from "./redact.js";

/** Where an error happened, for classification and for redaction. */
export interface ErrorContext {
  /** The model's provider name, e.g. `"openai.chat"`. */
  readonly provider: string;
  /** The caller's signal: once it has fired, every failure is `aborted`. */
  readonly signal?: AbortSignal | undefined;
  /** Values that must never appear in the error (the API key). */
  readonly secrets: readonly string[];
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

/** Node's fetch reports a dropped socket as `TypeError: terminated` / `fetch failed` with a socket cause. */
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
 * Classifies anything the `openai` SDK (or the stream reading around it) throws into a
 * {@link ProviderError}: HTTP errors by status and body, in-stream `error` payloads by their type/code,
 * connection resets and unparseable bodies as `transient`, SDK timeouts as `timeout`, and everything
 * after the caller's signal fired as `aborted`. API keys are redacted from message, body and cause.
 */
export function mapOpenAIError(error: unknown, context: ErrorContext): ProviderError {
  if (context.signal?.aborted || isAbortLike(error)) {
    return build("aborted", "the request was aborted", context, error);
  }
  if (ProviderError.is(error)) return error;
  if (error instanceof APIConnectionTimeoutError) return build("timeout", error.message, context, error);
  if (error instanceof APIConnectionError) return build("transient", error.message, context, error);
  if (error instanceof APIError) {
    const info = bodyInfo(error.error);
    const requestId = error.requestID ?? undefined;
    if (error.status === undefined) {
      // An error object sent inside a 200 stream.
      const kind = classifyErrorBody(info);
      return build(kind, `error in stream: ${info.message ?? error.message}`, context, error, {
        ...(requestId ? { requestId } : {}),
        responseBody: error.error,
      });
    }
    const kind = classifyHttpStatus(error.status, info);
    const retryAfterMs = kind === "quota" ? undefined : parseRetryAfterMs(error.headers);
    return build(kind, error.message, context, error, {
      status: error.status,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      ...(requestId ? { requestId } : {}),
      responseBody: error.error,
    });
  }
  if (error instanceof SyntaxError)
    return build("transient", `malformed response: ${error.message}`, context, error);
  if (isConnectionFailure(error)) {
    return build("transient", `connection failed: ${(error as Error).message}`, context, error);
  }
  return build("unknown", error instanceof Error ? error.message : String(error), context, error);
}
