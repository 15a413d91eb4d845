import type { ErrorReply, ServerErrorInfo, ServerErrorKind } from "../protocol.js";
import type { RequestIssue } from "../validation.js";

/** Anthropic's error envelope. */
export function anthropicErrorBody(type: string, message: string, details?: Record<string, unknown>) {
  return { type: "error", error: details ? { type, message, details } : { type, message }, request_id: null };
}

/** A validation failure in Anthropic's error shape. */
export function anthropicIssueReply(issue: RequestIssue): ErrorReply {
  return {
    status: issue.status,
    body: anthropicErrorBody(issue.type ?? "invalid_request_error", issue.message),
  };
}

/** Anthropic's status and body for each server-side error. */
export function anthropicErrorReply(kind: ServerErrorKind, info: ServerErrorInfo): ErrorReply {
  switch (kind) {
    case "rate_limit": {
      const what =
        info.scope === "tokens"
          ? "input tokens per minute"
          : info.scope === "concurrency"
            ? "concurrent connections"
            : "requests per minute";
      const message =
        info.message ??
        `This request would exceed your organization's rate limit of ${info.limit ?? 0} ${what}. Please retry after the time in the retry-after header.`;
      return { status: 429, body: anthropicErrorBody("rate_limit_error", message) };
    }
    case "quota":
      return {
        status: 429,
        body: anthropicErrorBody(
          "rate_limit_error",
          "Your organization has reached its monthly usage limit. Raise the limit or wait for the next period.",
          {
            error_code: "enforced_spend_limit_reached",
          },
        ),
      };
    case "overloaded":
      return { status: 529, body: anthropicErrorBody("overloaded_error", "Overloaded") };
    case "unavailable":
      return { status: 503, body: anthropicErrorBody("api_error", "Service unavailable") };
    case "server_error":
      return { status: 500, body: anthropicErrorBody("api_error", info.message ?? "Internal server error") };
    case "auth":
      return {
        status: 401,
        body: anthropicErrorBody("authentication_error", info.message ?? "invalid x-api-key"),
      };
    case "context_length":
      return {
        status: 400,
        body: anthropicErrorBody(
          "invalid_request_error",
          `prompt is too long: ${Math.max(200001, info.inputTokens ?? 0)} tokens > 200000 maximum`,
        ),
      };
    case "not_found":
      return { status: 404, body: anthropicErrorBody("not_found_error", info.message ?? "Not found") };
    default:
      return {
        status: 400,
        body: anthropicErrorBody(
          "invalid_request_error",
          info.message ?? "Invalid request (injected by the weft mock server).",
        ),
      };
  }
}
