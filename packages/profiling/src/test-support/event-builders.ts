// Builders of runtime and resource events for tests of constructed runs (not exported from the package).
import type { EventContext, WeftEvent } from "@weft/core";
import type { ProviderErrorKind } from "@weft/provider";
import type { CallTimings, ResourceEvent } from "@weft/resources";
import type { GraphNodeInput, NodeEventType } from "../input/runtime-events.js";

const NO_TIMINGS: CallTimings = {
  budgetWaitMs: 0,
  queueWaitMs: 0,
  rateLimitWaitMs: 0,
  retryWaitMs: 0,
  serviceMs: 0,
  totalMs: 0,
};

/** Options shared by the call builders. */
export interface CallBits {
  readonly context?: EventContext;
  readonly attempt?: number;
  readonly endpoint?: string;
}

const base = (time: number, callId: string, alias: string, bits: CallBits) => ({
  time,
  callId,
  alias,
  ...(bits.context ? { context: bits.context } : {}),
});

const attemptBase = (time: number, callId: string, alias: string, bits: CallBits) => ({
  ...base(time, callId, alias, bits),
  endpoint: bits.endpoint ?? `${alias}#0`,
  attempt: bits.attempt ?? 1,
});

export const call = {
  queued: (time: number, callId: string, alias: string, bits: CallBits = {}): ResourceEvent => ({
    type: "call.queued",
    ...attemptBase(time, callId, alias, bits),
    priority: 0,
    queueDepth: 1,
    inFlight: 1,
  }),
  throttled: (
    time: number,
    callId: string,
    alias: string,
    waitedMs: number,
    bits: CallBits = {},
  ): ResourceEvent => ({
    type: "call.throttled",
    ...attemptBase(time, callId, alias, bits),
    waitedMs,
  }),
  started: (
    time: number,
    callId: string,
    alias: string,
    slot: number,
    bits: CallBits = {},
  ): ResourceEvent => ({
    type: "call.started",
    ...attemptBase(time, callId, alias, bits),
    slot,
    inFlight: slot + 1,
    queueDepth: 0,
    model: "mock:model",
    stream: false,
  }),
  delta: (time: number, callId: string, alias: string, bits: CallBits = {}): ResourceEvent => ({
    type: "call.delta",
    ...attemptBase(time, callId, alias, bits),
    kind: "text",
    delta: "x",
  }),
  attemptFailed: (
    time: number,
    callId: string,
    alias: string,
    slot: number,
    errorKind: ProviderErrorKind,
    durationMs: number,
    bits: CallBits = {},
  ): ResourceEvent => ({
    type: "call.attempt_failed",
    ...attemptBase(time, callId, alias, bits),
    slot,
    inFlight: 0,
    errorKind,
    errorCode: undefined,
    message: errorKind,
    durationMs,
  }),
  rateLimited: (time: number, callId: string, alias: string, bits: CallBits = {}): ResourceEvent => ({
    type: "call.rate_limited",
    ...attemptBase(time, callId, alias, bits),
    errorKind: "rate_limit",
    status: 429,
    retryAfterMs: 20,
  }),
  retry: (
    time: number,
    callId: string,
    alias: string,
    delayMs: number,
    bits: CallBits = {},
  ): ResourceEvent => ({
    type: "call.retry",
    ...attemptBase(time, callId, alias, bits),
    nextAttempt: (bits.attempt ?? 1) + 1,
    delayMs,
    errorKind: "rate_limit",
  }),
  fallback: (
    time: number,
    callId: string,
    alias: string,
    toAlias: string,
    bits: CallBits = {},
  ): ResourceEvent => ({
    type: "call.fallback",
    ...base(time, callId, alias, bits),
    toAlias,
    errorKind: "overloaded",
    attempts: 1,
  }),
  finished: (
    time: number,
    callId: string,
    alias: string,
    answer: { serviceMs: number; slot: number; input?: number; output?: number; costUsd?: number },
    bits: CallBits = {},
  ): ResourceEvent => ({
    type: "call.finished",
    ...base(time, callId, alias, bits),
    endpoint: bits.endpoint ?? `${alias}#0`,
    attempt: bits.attempt ?? 1,
    attempts: bits.attempt ?? 1,
    slot: answer.slot,
    inFlight: 0,
    requestedAlias: alias,
    cached: false,
    usage: { inputTokens: answer.input, outputTokens: answer.output },
    costUsd: answer.costUsd,
    finishReason: { unified: "stop", raw: "stop" },
    timings: { ...NO_TIMINGS, serviceMs: answer.serviceMs },
  }),
  cached: (time: number, callId: string, alias: string, bits: CallBits = {}): ResourceEvent => ({
    type: "call.finished",
    ...base(time, callId, alias, bits),
    endpoint: undefined,
    attempt: 0,
    attempts: 0,
    slot: undefined,
    inFlight: 0,
    requestedAlias: alias,
    cached: true,
    usage: { inputTokens: 7, outputTokens: 3 },
    costUsd: 0,
    finishReason: { unified: "stop", raw: "stop" },
    timings: NO_TIMINGS,
  }),
  failed: (
    time: number,
    callId: string,
    alias: string,
    errorKind: ProviderErrorKind,
    bits: CallBits = {},
  ): ResourceEvent => ({
    type: "call.failed",
    ...base(time, callId, alias, bits),
    endpoint: bits.endpoint ?? `${alias}#0`,
    attempts: bits.attempt ?? 1,
    requestedAlias: alias,
    errorKind,
    errorCode: undefined,
    message: errorKind,
    timings: NO_TIMINGS,
  }),
  budgetReserved: (
    time: number,
    callId: string,
    alias: string,
    waitedMs: number,
    bits: CallBits = {},
  ): ResourceEvent => ({
    type: "budget.reserved",
    ...base(time, callId, alias, bits),
    budget: "run",
    usd: 1,
    tokens: 1000,
    waitedMs,
  }),
  limiter: (time: number, endpoint: string, rpm: number): ResourceEvent => ({
    type: "limiter.adjusted",
    time,
    endpoint,
    reason: "rate_limited",
    rpm,
    previousRpm: rpm * 2,
    tpm: undefined,
    previousTpm: undefined,
  }),
};

/** A node event of run `runId`. */
export function nodeEvent(
  type: NodeEventType,
  time: number,
  nodeId: string,
  extra: { runId?: string; itemId?: string; kind?: string; alias?: string } = {},
): WeftEvent {
  const { runId = "r1", itemId, ...rest } = extra;
  return {
    type,
    time,
    context: { runId, nodeId, modulePath: `root.${nodeId}`, ...(itemId === undefined ? {} : { itemId }) },
    ...rest,
  } as WeftEvent;
}

/** `run.started` with a graph. */
export function runStarted(time: number, runId: string, nodes: readonly GraphNodeInput[]): WeftEvent {
  return { type: "run.started", time, runId, context: { runId }, graph: { nodes } } as WeftEvent;
}

/** `run.finished`. */
export function runFinished(time: number, runId: string, status = "completed"): WeftEvent {
  return { type: "run.finished", time, runId, context: { runId }, status } as WeftEvent;
}

/** A graph node. */
export function graphNode(
  id: string,
  kind: string,
  dependencies: readonly string[],
  alias?: string,
): GraphNodeInput {
  return { id, kind, modulePath: `root.${id}`, dependencies, ...(alias === undefined ? {} : { alias }) };
}
