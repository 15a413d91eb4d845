import type { AttemptSpan, CallSpan, Mark, NodeSpan } from "../model/profile-model.js";
import { compact } from "../record/compact.js";
import { CATEGORY, toMicros, WAIT_NAMES } from "../trace/trace-conventions.js";
import type { TraceEvent } from "../trace/trace-types.js";

/** The `B`/`E` pair of one attempt on its slot thread. */
export function attemptEvents(pid: number, tid: number, attempt: AttemptSpan): [TraceEvent, TraceEvent] {
  const name = attempt.nodeId ?? attempt.callId;
  const begin = compact({
    callId: attempt.callId,
    alias: attempt.alias,
    endpoint: attempt.endpoint,
    slot: attempt.slot,
    attempt: attempt.attempt,
    model: attempt.model,
    nodeId: attempt.nodeId,
    modulePath: attempt.modulePath,
    runId: attempt.runId,
    itemId: attempt.itemId,
  });
  const end = compact({
    outcome: attempt.outcome,
    errorKind: attempt.errorKind,
    inputTokens: attempt.inputTokens,
    outputTokens: attempt.outputTokens,
    costUsd: attempt.costUsd,
    ttftMs: attempt.ttftMs,
  });
  return [
    { name, cat: CATEGORY.attempt, ph: "B", ts: toMicros(attempt.startMs), pid, tid, args: begin },
    { name, cat: CATEGORY.attempt, ph: "E", ts: toMicros(attempt.endMs), pid, tid, args: end },
  ];
}

/**
 * The async span of a call on its alias with its waits nested inside (same category and id), clamped so they
 * stay in order within the call.
 */
export function callEvents(pid: number, call: CallSpan): TraceEvent[] {
  const id = `${call.callId}@${call.alias}`;
  const events: TraceEvent[] = [
    {
      name: `call ${call.nodeId ?? call.callId}`,
      cat: CATEGORY.call,
      ph: "b",
      ts: toMicros(call.startMs),
      pid,
      tid: 0,
      id,
      args: compact({
        callId: call.callId,
        alias: call.alias,
        nodeId: call.nodeId,
        modulePath: call.modulePath,
        runId: call.runId,
        itemId: call.itemId,
      }),
    },
  ];
  let cursor = call.startMs;
  for (const wait of [...call.waits].sort((a, b) => a.startMs - b.startMs)) {
    const startMs = Math.min(Math.max(wait.startMs, cursor), call.endMs);
    const endMs = Math.min(Math.max(wait.endMs, startMs), call.endMs);
    cursor = endMs;
    const name = WAIT_NAMES[wait.kind];
    events.push(
      {
        name,
        cat: CATEGORY.call,
        ph: "b",
        ts: toMicros(startMs),
        pid,
        tid: 0,
        id,
        args: { wait: wait.kind },
      },
      { name, cat: CATEGORY.call, ph: "e", ts: toMicros(endMs), pid, tid: 0, id },
    );
  }
  events.push({
    name: `call ${call.nodeId ?? call.callId}`,
    cat: CATEGORY.call,
    ph: "e",
    ts: toMicros(call.endMs),
    pid,
    tid: 0,
    id,
    args: compact({ outcome: call.outcome, attempts: call.attempts, errorKind: call.errorKind }),
  });
  return events;
}

/** The `B`/`E` pair of one node on its lane. */
export function nodeEvents(pid: number, tid: number, node: NodeSpan): [TraceEvent, TraceEvent] {
  const begin = compact({
    runId: node.runId,
    itemId: node.itemId,
    nodeId: node.nodeId,
    kind: node.kind,
    modulePath: node.modulePath,
    alias: node.alias,
    queuedMs: node.queuedMs,
  });
  return [
    { name: node.nodeId, cat: CATEGORY.node, ph: "B", ts: toMicros(node.startMs), pid, tid, args: begin },
    {
      name: node.nodeId,
      cat: CATEGORY.node,
      ph: "E",
      ts: toMicros(node.endMs),
      pid,
      tid,
      args: { status: node.status, retries: node.retries },
    },
  ];
}

/** An instant: process-scoped on `pid`, or global on pid 0. `alias` and `runId` ride along in the args. */
export function markEvent(pid: number, mark: Mark): TraceEvent {
  return {
    name: mark.name,
    cat: mark.category,
    ph: "i",
    ts: toMicros(mark.timeMs),
    pid,
    tid: 0,
    s: pid === 0 ? "g" : "p",
    args: compact({ ...mark.args, alias: mark.alias, runId: mark.runId }),
  };
}

/** A `rate <endpoint>` counter from a limiter mark, when it carries a rate. */
export function limiterCounter(pid: number, mark: Mark): TraceEvent | undefined {
  const { endpoint, rpm, tpm } = mark.args;
  const args = compact({
    rpm: typeof rpm === "number" ? rpm : undefined,
    tpm: typeof tpm === "number" ? tpm : undefined,
  });
  if (typeof endpoint !== "string" || Object.keys(args).length === 0) return undefined;
  return {
    name: `rate ${endpoint}`,
    cat: CATEGORY.metrics,
    ph: "C",
    ts: toMicros(mark.timeMs),
    pid,
    tid: 0,
    args,
  };
}
