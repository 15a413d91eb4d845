import type { OutgoingHttpHeaders } from "node:http";
import type { Clock } from "@weft/core";
import { SchemaGenerationError } from "../schema/schema-generation-error.js";
import type { Exchange } from "./exchange.js";
import type { FaultSelector } from "./faults/fault-selector.js";
import { FAULT_HEADER, MOCK_FAULTS, type MockFault } from "./faults/faults.js";
import { jsonReply } from "./json-reply.js";
import { applyLatency, type MockLatency } from "./latency/latency-model.js";
import { retryAfterHeaders } from "./limits/rate-limit-headers.js";
import { isRefusal, type ServerLimits } from "./limits/server-limits.js";
import type { ChatProtocol, ReplyUsage, ServerErrorKind } from "./protocol.js";
import type { ChatRequest } from "./reply/chat-request.js";
import { type ChatRequestView, chatRequestView } from "./reply/chat-request-view.js";
import { type PlannedReply, planReply } from "./reply/plan-reply.js";
import type { PromptCache } from "./reply/prompt-cache.js";
import type { ScriptSelector } from "./script/scripted-reply.js";
import { sendScriptedReply } from "./script/send-scripted-reply.js";
import { streamReply } from "./stream-reply.js";
import { RequestRejected } from "./validation.js";

/** Everything a chat handler needs from the server; the mutable parts can change between requests. */
export interface ChatContext {
  readonly clock: Clock;
  readonly seed: number;
  readonly latency: MockLatency;
  readonly limits: ServerLimits;
  readonly faults: FaultSelector;
  readonly script: ScriptSelector;
  readonly cache: PromptCache | undefined;
  readonly slowFirstByteMs: number;
  readonly stallMs: number;
  readonly rateLimitRetryAfterMs: number;
  readonly parallelToolCalls: number;
  readonly respond: ((request: ChatRequestView) => string | object | undefined) | undefined;
}

type StatusFault = MockFault & ServerErrorKind;
const STATUS_FAULTS: ReadonlySet<MockFault> = new Set<StatusFault>([
  "rate_limit",
  "quota",
  "overloaded",
  "server_error",
  "unavailable",
  "auth",
  "bad_request",
  "context_length",
]);

function isStatusFault(fault: MockFault | undefined): fault is StatusFault {
  return fault !== undefined && STATUS_FAULTS.has(fault);
}

function replyError(
  exchange: Exchange,
  protocol: ChatProtocol,
  kind: ServerErrorKind,
  info: Parameters<ChatProtocol["errorReply"]>[1],
  headers: OutgoingHttpHeaders = {},
) {
  const { status, body } = protocol.errorReply(kind, info);
  exchange.sendJson(status, body, headers);
}

/** Answers a fault that is just an error reply; a rate limit shows none left and says when to retry. */
function answerStatusFault(
  exchange: Exchange,
  protocol: ChatProtocol,
  fault: StatusFault,
  request: ChatRequest,
  context: ChatContext,
  wallNow: number,
): void {
  const snapshot = context.limits.snapshot(context.clock.now());
  const headers =
    fault === "rate_limit"
      ? {
          ...protocol.rateLimitHeaders({ ...snapshot, remainingRequests: 0 }, wallNow),
          ...retryAfterHeaders(context.rateLimitRetryAfterMs),
        }
      : protocol.rateLimitHeaders(snapshot, wallNow);
  const info = {
    model: request.model,
    inputTokens: request.inputTokens,
    retryAfterMs: context.rateLimitRetryAfterMs,
    limit: snapshot.limitRequests,
  };
  replyError(exchange, protocol, fault, info, headers);
}

/** Validates, plans and answers one chat request, applying faults, limits and latency. */
export async function handleChat(
  exchange: Exchange,
  protocol: ChatProtocol,
  body: Record<string, unknown>,
  context: ChatContext,
): Promise<void> {
  const { record } = exchange;
  const wallNow = Date.now();
  let request: ChatRequest;
  try {
    request = protocol.parse(body, exchange.request.headers);
  } catch (error) {
    if (!(error instanceof RequestRejected)) throw error;
    const { status, body: errorBody } = protocol.issueReply(error.issue);
    return exchange.sendJson(status, errorBody);
  }
  record.stream = request.stream;
  const scripted = context.script.select(record.path, record.tag);
  if (scripted) return sendScriptedReply(exchange, scripted);
  const header = exchange.request.headers[FAULT_HEADER];
  const selected = context.faults.select(record.path, Array.isArray(header) ? header[0] : header);
  if (typeof selected === "object") {
    return replyError(exchange, protocol, "bad_request", {
      message: `Unknown fault '${selected.unknown}' in ${FAULT_HEADER}; known faults: ${MOCK_FAULTS.join(", ")}.`,
    });
  }
  record.fault = selected;
  if (isStatusFault(selected))
    return answerStatusFault(exchange, protocol, selected, request, context, wallNow);
  if (selected === "reset") return exchange.destroy();
  let reply: PlannedReply;
  try {
    const custom = context.respond?.(chatRequestView(protocol.name, body));
    const text = custom === undefined || typeof custom === "string" ? custom : JSON.stringify(custom);
    reply = planReply(request, { seed: context.seed, parallelToolCalls: context.parallelToolCalls, text });
  } catch (error) {
    if (!SchemaGenerationError.is(error)) throw error;
    return replyError(exchange, protocol, "bad_request", { message: `Invalid schema: ${error.message}` });
  }
  const cached = context.cache?.use(request.segments, protocol.explicitCache) ?? {
    readTokens: 0,
    writeTokens: 0,
  };
  const usage: ReplyUsage = {
    inputTokens: request.inputTokens,
    outputTokens: reply.outputTokens,
    cacheReadTokens: Math.min(cached.readTokens, request.inputTokens),
    cacheWriteTokens: Math.min(cached.writeTokens, request.inputTokens - cached.readTokens),
    reasoningTokens: reply.reasoningTokens,
  };
  record.usage = usage;
  const admission = context.limits.admit(usage.inputTokens + usage.outputTokens, context.clock.now());
  if (isRefusal(admission)) {
    const { reason, retryAfterMs, snapshot } = admission;
    const headers = { ...protocol.rateLimitHeaders(snapshot, wallNow), ...retryAfterHeaders(retryAfterMs) };
    const limit = reason === "tokens" ? snapshot.limitTokens : snapshot.limitRequests;
    return replyError(
      exchange,
      protocol,
      "rate_limit",
      { model: request.model, scope: reason, limit, retryAfterMs },
      headers,
    );
  }
  try {
    const headers = {
      ...protocol.rateLimitHeaders(admission.snapshot, wallNow),
      ...protocol.requestIdHeaders(`req_${reply.id}`),
    };
    if (selected === "stream_error_event" && !request.stream)
      return replyError(exchange, protocol, "overloaded", {}, headers);
    if (selected === "slow_first_byte" && !(await exchange.pause(context.slowFirstByteMs))) return;
    const latency = applyLatency(context.latency, request.identity, context.seed, usage.outputTokens);
    record.latency = latency;
    const plan = { protocol, request, reply, usage, headers, latency, fault: selected, wallNow };
    await (request.stream
      ? streamReply(exchange, plan, context.stallMs)
      : jsonReply(exchange, plan, context.stallMs));
  } finally {
    admission.release();
  }
}
