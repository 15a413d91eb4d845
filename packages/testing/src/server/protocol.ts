import type { IncomingHttpHeaders } from "node:http";
import type { LimitSnapshot } from "./limits/server-limits.js";
import type { ChatRequest } from "./reply/chat-request.js";
import type { PlannedReply } from "./reply/plan-reply.js";
import type { SseEvent } from "./sse-writer.js";
import type { RequestIssue } from "./validation.js";

/** The wire protocols the mock server speaks. */
export type MockProtocol = "openai" | "anthropic";

/** Token counts of one reply, as the protocols report them. */
export interface ReplyUsage {
  /** All input tokens, cached ones included. */
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly cacheReadTokens: number;
  readonly cacheWriteTokens: number;
  readonly reasoningTokens: number;
}

/** Errors the server answers with, besides request validation. */
export type ServerErrorKind =
  | "rate_limit"
  | "quota"
  | "overloaded"
  | "server_error"
  | "unavailable"
  | "auth"
  | "bad_request"
  | "context_length"
  | "not_found";

/** Details an error body may mention. */
export interface ServerErrorInfo {
  readonly model?: string;
  /** For rate limits: which limit was hit. */
  readonly scope?: "requests" | "tokens" | "concurrency";
  readonly limit?: number;
  readonly retryAfterMs?: number;
  readonly inputTokens?: number;
  /** Overrides the default message. */
  readonly message?: string;
}

/** A status and JSON body to answer with. */
export interface ErrorReply {
  readonly status: number;
  readonly body: unknown;
}

/** One wire protocol: how requests are validated and read, and how replies and errors are written. */
export interface ChatProtocol {
  readonly name: MockProtocol;
  /** Anthropic caches only at `cache_control` breakpoints and reports cache writes; OpenAI caches prefixes. */
  readonly explicitCache: boolean;
  /** Validates headers and body (throws `RequestRejected`) and reads the body into a neutral request. */
  parse(body: Record<string, unknown>, headers: IncomingHttpHeaders): ChatRequest;
  issueReply(issue: RequestIssue): ErrorReply;
  errorReply(kind: ServerErrorKind, info: ServerErrorInfo): ErrorReply;
  renderJson(reply: PlannedReply, request: ChatRequest, usage: ReplyUsage, wallNow: number): unknown;
  renderStream(reply: PlannedReply, request: ChatRequest, usage: ReplyUsage, wallNow: number): SseEvent[];
  /** The error event a 200 stream carries for the `stream_error_event` fault. */
  streamErrorEvent(): SseEvent;
  rateLimitHeaders(snapshot: LimitSnapshot, wallNow: number): Record<string, string>;
  requestIdHeaders(requestId: string): Record<string, string>;
}
