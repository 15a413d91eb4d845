import type { ErrorReply, ServerErrorInfo, ServerErrorKind } from "../protocol.js";
import type { RequestIssue } from "../validation.js";

function body(message: string, type: string, code: string | null, param: string | null = null) {
  return { error: { message, type, param, code } };
}

/** A validation failure in OpenAI's error shape. */
export function openaiIssueReply(issue: RequestIssue): ErrorReply {
  return {
    status: issue.status,
    body: body(issue.message, issue.type ?? "invalid_request_error", issue.code ?? null, issue.param ?? null),
  };
}

function rateLimitMessage(info: ServerErrorInfo): string {
  const wait = `Please try again in ${Math.max(1, Math.ceil((info.retryAfterMs ?? 1000) / 1000))}s.`;
  if (info.scope === "concurrency")
    return `Too many concurrent requests for ${info.model ?? "this model"}. ${wait}`;
  const unit = info.scope === "tokens" ? "tokens per min (TPM)" : "requests per min (RPM)";
  return `Rate limit reached for ${info.model ?? "this model"} in organization org-weft-mock on ${unit}: Limit ${info.limit ?? 0}. ${wait}`;
}

/** OpenAI's status and body for each server-side error. */
export function openaiErrorReply(kind: ServerErrorKind, info: ServerErrorInfo): ErrorReply {
  switch (kind) {
    case "rate_limit":
      return {
        status: 429,
        body: body(
          info.message ?? rateLimitMessage(info),
          info.scope === "tokens" ? "tokens" : "requests",
          "rate_limit_exceeded",
        ),
      };
    case "quota":
      return {
        status: 429,
        body: body(
          "You exceeded your current quota, please check your plan and billing details.",
          "insufficient_quota",
          "insufficient_quota",
        ),
      };
    case "overloaded":
      return {
        status: 503,
        body: body("The engine is currently overloaded, please try again later.", "server_error", null),
      };
    case "unavailable":
      return { status: 503, body: body("Service Unavailable.", "server_error", null) };
    case "server_error":
      return {
        status: 500,
        body: body(
          info.message ?? "The server had an error while processing your request. Sorry about that!",
          "server_error",
          null,
        ),
      };
    case "auth":
      return {
        status: 401,
        body: body(info.message ?? "Incorrect API key provided.", "invalid_request_error", "invalid_api_key"),
      };
    case "context_length":
      return {
        status: 400,
        body: body(
          `This model's maximum context length is 128000 tokens. However, your messages resulted in ${Math.max(128001, info.inputTokens ?? 0)} tokens. Please reduce the length of the messages.`,
          "invalid_request_error",
          "context_length_exceeded",
          "messages",
        ),
      };
    case "not_found":
      return { status: 404, body: body(info.message ?? "Invalid URL", "invalid_request_error", null) };
    default:
      return {
        status: 400,
        body: body(
          info.message ?? "Invalid request (injected by the weft mock server).",
          "invalid_request_error",
          null,
        ),
      };
  }
}

/** The error chunk OpenAI sends inside a 200 stream. */
export function openaiStreamErrorData(): string {
  return JSON.stringify(
    body("The server is overloaded or not ready yet.", "server_error", "server_overloaded"),
  );
}
