import type { GenerateRequest, GenerateResponse } from "@weft/provider";
import { estimateInputTokens } from "../budget/estimate-tokens.js";
import type { AliasResult } from "./call-alias.js";
import {
  type CallRuntime,
  type CallState,
  callFields,
  describeError,
  messageOf,
  timingsOf,
} from "./call-state.js";
import type { CallResult, GenerateOptions } from "./manager-types.js";

/** The state of a new call, before any stage. */
export function newCall(
  callId: string,
  alias: string,
  request: GenerateRequest,
  options: GenerateOptions,
  now: number,
): CallState {
  return {
    callId,
    requestedAlias: alias,
    request,
    context: options.context,
    priority: options.priority ?? 0,
    signal: options.signal,
    budget: options.budget,
    stream: options.stream,
    timeoutMs: options.timeoutMs,
    inputTokens: estimateInputTokens(request),
    startedAt: now,
    attempts: 0,
    callCharged: false,
    lastEndpoint: undefined,
    budgetWaitMs: 0,
    queueWaitMs: 0,
    rateLimitWaitMs: 0,
    retryWaitMs: 0,
    serviceMs: 0,
  };
}

/** Emits `call.finished` for an answer from `alias` and returns the caller's result. */
export function emitFinished(
  runtime: CallRuntime,
  call: CallState,
  alias: string,
  answer: AliasResult,
  inFlight: number,
): CallResult {
  const now = runtime.clock.now();
  const timings = timingsOf(call, now);
  // A fixed-shape literal, not a spread of callFields(): with a profiler on, every call builds one.
  runtime.emit({
    type: "call.finished",
    time: now,
    context: call.context,
    callId: call.callId,
    alias,
    endpoint: answer.endpoint,
    attempt: answer.attempt,
    attempts: call.attempts,
    slot: answer.slot,
    inFlight,
    requestedAlias: call.requestedAlias,
    cached: false,
    usage: answer.response.usage,
    costUsd: answer.costUsd,
    finishReason: answer.response.finishReason,
    timings,
  });
  return {
    callId: call.callId,
    response: answer.response,
    costUsd: answer.costUsd,
    attempts: call.attempts,
    alias,
    requestedAlias: call.requestedAlias,
    endpoint: answer.endpoint,
    cached: false,
    timings,
  };
}

/** Emits `cache.hit` (a streamed call also gets the whole text as one delta) and `call.finished`. */
export function answerFromCache(
  runtime: CallRuntime,
  call: CallState,
  alias: string,
  key: string,
  response: GenerateResponse,
): CallResult {
  const fields = callFields(runtime, call, alias);
  runtime.emit({ type: "cache.hit", ...fields, key });
  if (call.stream && response.text.length > 0) {
    runtime.emit({
      type: "call.delta",
      ...fields,
      endpoint: "cache",
      attempt: 0,
      kind: "text",
      delta: response.text,
    });
  }
  const timings = timingsOf(call, runtime.clock.now());
  runtime.emit({
    type: "call.finished",
    ...fields,
    endpoint: undefined,
    attempt: 0,
    attempts: 0,
    slot: undefined,
    inFlight: 0,
    requestedAlias: alias,
    cached: true,
    usage: response.usage,
    costUsd: 0,
    finishReason: response.finishReason,
    timings,
  });
  const result = { callId: call.callId, response, costUsd: 0, attempts: 0, alias, requestedAlias: alias };
  return { ...result, endpoint: undefined, cached: true, timings };
}

/** Emits `call.failed`, with the error's kind, code and redacted message. */
export function emitFailed(runtime: CallRuntime, call: CallState, alias: string, error: unknown): void {
  runtime.emit({
    type: "call.failed",
    ...callFields(runtime, call, alias),
    endpoint: call.lastEndpoint,
    attempts: call.attempts,
    requestedAlias: call.requestedAlias,
    ...describeError(error),
    message: messageOf(error, runtime.redactor),
    timings: timingsOf(call, runtime.clock.now()),
  });
}
