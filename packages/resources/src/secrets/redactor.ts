import { ProviderError } from "@weft/provider";
import { REDACTED_TEXT, type Secret } from "./secret.js";

/**
 * Removes known secrets from text. The manager holds one built from every key of its config and passes each
 * message it puts into an event or an error through it, so a provider that echoes a key cannot leak it.
 */
export class Redactor {
  private readonly values: readonly string[];

  constructor(secrets: Iterable<Secret>) {
    // Longest first, so a key that contains another is replaced whole. Very short values would redact
    // ordinary words; keys are never that short.
    this.values = [...new Set([...secrets].map((s) => s.reveal()))]
      .filter((v) => v.length >= 6)
      .sort((a, b) => b.length - a.length);
  }

  /** Whether `text` contains a known secret. */
  leaks(text: string): boolean {
    return this.values.some((value) => text.includes(value));
  }

  /** `text` with every known secret replaced by `[redacted]`. */
  text(text: string): string {
    let result = text;
    for (const value of this.values)
      if (result.includes(value)) result = result.split(value).join(REDACTED_TEXT);
    return result;
  }

  /**
   * The error itself when nothing in its message, body or cause chain holds a secret; otherwise a copy with
   * the message redacted and the offending body and cause dropped (a `ProviderError` keeps its kind).
   */
  error(error: unknown): unknown {
    if (this.values.length === 0 || !this.errorLeaks(error, 0)) return error;
    const message = this.text(error instanceof Error ? error.message : String(error));
    if (ProviderError.is(error)) {
      return new ProviderError({
        kind: error.kind,
        message,
        provider: error.provider,
        status: error.status,
        retryAfterMs: error.retryAfterMs,
        isRetryable: error.isRetryable,
        requestId: error.requestId,
      });
    }
    const copy = new Error(message);
    copy.name = error instanceof Error ? error.name : "Error";
    return copy;
  }

  private errorLeaks(error: unknown, depth: number): boolean {
    if (depth > 5 || error === undefined || error === null) return false;
    if (typeof error !== "object") return this.leaks(String(error));
    const record = error as { message?: unknown; responseBody?: unknown; cause?: unknown; stack?: unknown };
    const fields = [record.message, record.responseBody, record.stack];
    for (const field of fields) {
      if (field === undefined) continue;
      if (this.leaks(typeof field === "string" ? field : safeJson(field))) return true;
    }
    return this.errorLeaks(record.cause, depth + 1);
  }
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? "";
  } catch {
    return String(value);
  }
}
