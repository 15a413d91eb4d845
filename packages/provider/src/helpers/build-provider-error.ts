import { ProviderError, type ProviderErrorKind } from "../errors/provider-error.js";
import { leaksSecret, redactSecrets, redactSecretsDeep } from "./redact-secrets.js";

/** Who failed, and which values must never appear in the error. */
export interface ProviderErrorContext {
  /** The model's provider name, e.g. `"openai.chat"`; prefixes the message. */
  readonly provider: string;
  /** Values that must never appear in the error (API keys). */
  readonly secrets: readonly string[];
}

/** HTTP details of a failure, when there was a response. */
export interface ProviderErrorDetails {
  readonly status?: number;
  readonly retryAfterMs?: number;
  readonly requestId?: string;
  readonly responseBody?: unknown;
}

/**
 * Builds a {@link ProviderError} with every secret redacted from its message, response body and cause
 * (a cause that leaks a secret is replaced by a plain Error with the redacted message).
 */
export function buildProviderError(
  kind: ProviderErrorKind,
  message: string,
  context: ProviderErrorContext,
  cause: unknown,
  details: ProviderErrorDetails = {},
): ProviderError {
  const safeCause = leaksSecret(cause, context.secrets)
    ? new Error(redactSecrets(cause instanceof Error ? cause.message : String(cause), context.secrets))
    : cause;
  return new ProviderError({
    kind,
    message: `${context.provider}: ${redactSecrets(message, context.secrets)}`,
    provider: context.provider,
    ...details,
    responseBody: redactSecretsDeep(details.responseBody, context.secrets),
    cause: safeCause,
  });
}
