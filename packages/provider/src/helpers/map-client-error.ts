import { ProviderError } from "../errors/provider-error.js";
import { buildProviderError, type ProviderErrorContext } from "./build-provider-error.js";
import { isConnectionFailure } from "./connection-failure.js";

/** Where a client's error happened: provider name and secrets, plus the caller's signal. */
export interface ClientErrorContext extends ProviderErrorContext {
  /** The caller's signal: once it has fired, every failure is `aborted`. Default: none. */
  readonly signal?: AbortSignal | undefined;
}

/** How to recognise an SDK client's own errors. */
export interface ClientErrorRules {
  /** The SDK's abort error (any error named `AbortError` counts too). */
  isUserAbort(error: unknown): boolean;
  /** The SDK's connection timeout; checked before `isConnectionError`. */
  isConnectionTimeout(error: unknown): boolean;
  isConnectionError(error: unknown): boolean;
  /** The `ProviderError` of an HTTP or in-stream error of the SDK, or `undefined` when `error` is not one. */
  fromApiError(error: unknown): ProviderError | undefined;
}

/**
 * Classifies anything an SDK client (or the stream reading around it) throws into a {@link ProviderError}, the
 * same way for every provider package: anything after the caller's signal fired, or an abort, is `aborted`; a
 * `ProviderError` passes through; SDK timeouts are `timeout`; connection errors, resets and unparseable bodies
 * are `transient`; HTTP errors go to `rules.fromApiError`; the rest is `unknown`. Secrets are redacted.
 *
 * @example
 * ```ts
 * const rules: ClientErrorRules = {
 *   isUserAbort: (e) => e instanceof APIUserAbortError,
 *   isConnectionTimeout: (e) => e instanceof APIConnectionTimeoutError,
 *   isConnectionError: (e) => e instanceof APIConnectionError,
 *   fromApiError: (e) => (e instanceof APIError ? buildProviderError(kindOf(e), e.message, ctx, e) : undefined),
 * };
 * throw mapClientError(error, { provider: "acme.chat", secrets: [apiKey], signal }, rules);
 * ```
 */
export function mapClientError(
  error: unknown,
  context: ClientErrorContext,
  rules: ClientErrorRules,
): ProviderError {
  if (
    context.signal?.aborted ||
    rules.isUserAbort(error) ||
    (error instanceof Error && error.name === "AbortError")
  )
    return buildProviderError("aborted", "the request was aborted", context, error);
  if (ProviderError.is(error)) return error;
  if (rules.isConnectionTimeout(error))
    return buildProviderError("timeout", messageOf(error), context, error);
  if (rules.isConnectionError(error))
    return buildProviderError("transient", messageOf(error), context, error);
  const fromApi = rules.fromApiError(error);
  if (fromApi) return fromApi;
  if (error instanceof SyntaxError)
    return buildProviderError("transient", `malformed response: ${error.message}`, context, error);
  if (isConnectionFailure(error))
    return buildProviderError("transient", `connection failed: ${messageOf(error)}`, context, error);
  return buildProviderError("unknown", messageOf(error), context, error);
}

/**
 * The object an error body describes its error in: `body.error` when that is an object, else the body itself;
 * `undefined` for a body that is not an object.
 */
export function errorObjectOf(body: unknown): Readonly<Record<string, unknown>> | undefined {
  if (typeof body !== "object" || body === null) return undefined;
  const record = body as Record<string, unknown>;
  return typeof record.error === "object" && record.error !== null
    ? (record.error as Record<string, unknown>)
    : record;
}

/** `value` when it is a string, else `undefined` (for reading fields of error bodies). */
export function stringField(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
