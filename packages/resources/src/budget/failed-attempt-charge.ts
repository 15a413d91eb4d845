import { ProviderError, type ProviderErrorKind, type Usage } from "@weft/provider";

/**
 * Failure kinds a provider reports when it refuses a request before generating anything (HTTP 429, 529/503,
 * 401/403, 400/404/422, a prompt too long): such an attempt is not billed, so its reservation is refunded. Any
 * other failure after the request left (a timeout, a reset or cut connection, an abort, an error inside a stream,
 * `transient`, `content_filter`, `unknown`) may have been billed.
 */
export const UNBILLED_FAILURE_KINDS: ReadonlySet<ProviderErrorKind> = new Set<ProviderErrorKind>([
  "rate_limit",
  "quota",
  "overloaded",
  "auth",
  "invalid_request",
  "context_length",
]);

/** How far an attempt got before it failed. */
export interface AttemptProgress {
  /** The request left for the provider. */
  dispatched: boolean;
  /** The provider began to answer (a stream yielded its first part): generation may be under way. */
  answered: boolean;
}

/** What a failed attempt is charged, and why. */
export type FailedAttemptCharge =
  /** The request never left: the reservation is cancelled and nothing (not even a call) is counted. */
  | { readonly basis: "not_sent" }
  /** Refused before generation: the money and tokens are refunded. */
  | { readonly basis: "unbilled" }
  /** The provider said what the attempt used before it failed (a cut stream): that is charged. */
  | { readonly basis: "reported_usage"; readonly usage: Usage }
  /** It may have been billed for anything up to its worst case, which is charged. */
  | { readonly basis: "worst_case" };

/**
 * The charge rule for a failed attempt. A refusal is only trusted as unbilled when the provider had not begun to
 * answer: an `overloaded` error event inside a stream arrives after generation started. A provider that knows a
 * failed attempt's usage may attach it to the error as a `usage` record (input and output counts both known).
 */
export function failedAttemptCharge(error: unknown, progress: AttemptProgress): FailedAttemptCharge {
  if (!progress.dispatched) return { basis: "not_sent" };
  if (!progress.answered && ProviderError.is(error) && UNBILLED_FAILURE_KINDS.has(error.kind)) {
    return { basis: "unbilled" };
  }
  const usage = reportedUsage(error);
  return usage ? { basis: "reported_usage", usage } : { basis: "worst_case" };
}

function reportedUsage(error: unknown): Usage | undefined {
  if (typeof error !== "object" || error === null || !("usage" in error)) return undefined;
  const usage = (error as { usage: unknown }).usage as Partial<Record<keyof Usage, unknown>> | null;
  if (typeof usage !== "object" || usage === null) return undefined;
  const counts = [usage.inputTokens, usage.outputTokens];
  if (!counts.every((count) => typeof count === "number" && Number.isFinite(count) && count >= 0)) {
    return undefined;
  }
  return usage as Usage;
}
