import { ProfilingError } from "../errors/profiling-error.js";
import type { AttemptSpan, CallSpan, Mark, NodeSpan, WaitKind, WaitSpan } from "../model/profile-model.js";
import { compact } from "../record/compact.js";
import { CATEGORY } from "../trace/trace-conventions.js";
import type { TraceEvent } from "../trace/trace-types.js";
import { TraceFields } from "./trace-fields.js";

/** A run's own slice. */
export interface RunSlice {
  readonly runId: string;
  readonly startMs: number;
  readonly endMs: number;
  readonly status?: string;
}

/** weft's spans and marks found in a trace, each list in the order its spans began. */
export interface TraceSlices {
  readonly attempts: AttemptSpan[];
  readonly calls: CallSpan[];
  readonly nodes: NodeSpan[];
  readonly runs: RunSlice[];
  readonly marks: Mark[];
}

const OUTCOMES = ["ok", "rate_limited", "timeout", "aborted", "failed", "in_flight"] as const;
const CALL_OUTCOMES = ["ok", "failed", "fallback", "in_flight"] as const;
const NODE_STATUSES = ["finished", "failed", "cancelled", "running"] as const;
const WAITS: readonly WaitKind[] = ["budget", "queue", "rate_limit", "retry_backoff"];
const SLICE_CATEGORIES: ReadonlySet<string> = new Set([CATEGORY.attempt, CATEGORY.node, CATEGORY.run]);

interface Open {
  readonly event: TraceEvent;
  readonly index: number;
}

interface OpenCall extends Open {
  readonly waits: WaitSpan[];
  wait?: Open;
}

/** Pairs `B`/`E` per thread and `b`/`e` per call id, and reads weft's conventions off the pairs. */
export function readSlices(events: readonly TraceEvent[]): TraceSlices {
  const found: { index: number; put: () => void }[] = [];
  const out: TraceSlices = { attempts: [], calls: [], nodes: [], runs: [], marks: [] };
  const threads = new Map<string, Open[]>();
  const calls = new Map<string, OpenCall>();
  const ms = (us: number) => us / 1000;
  const slice = (begin: Open, endTs: number, endArgs: Readonly<Record<string, unknown>>) => {
    const cat = begin.event.cat ?? "";
    if (!SLICE_CATEGORIES.has(cat)) return;
    const where = `traceEvents[${begin.index}] (${cat} "${begin.event.name}")`;
    const fields = new TraceFields({ ...begin.event.args, ...endArgs }, where);
    const startMs = ms(begin.event.ts);
    const endMs = ms(endTs);
    if (cat === CATEGORY.attempt) {
      const span = attemptOf(fields, startMs, endMs);
      found.push({ index: begin.index, put: () => out.attempts.push(span) });
    } else if (cat === CATEGORY.node) {
      const span = nodeOf(fields, startMs, endMs);
      found.push({ index: begin.index, put: () => out.nodes.push(span) });
    } else {
      const span = compact({
        runId: fields.string("runId"),
        startMs,
        endMs,
        status: fields.optionalString("status"),
      });
      found.push({ index: begin.index, put: () => out.runs.push(span) });
    }
  };
  events.forEach((event, index) => {
    const key = `${event.pid}:${event.tid}`;
    switch (event.ph) {
      case "B": {
        const stack = threads.get(key);
        if (stack) stack.push({ event, index });
        else threads.set(key, [{ event, index }]);
        return;
      }
      case "E": {
        const begin = threads.get(key)?.pop();
        if (!begin)
          throw new ProfilingError(
            "invalid_trace",
            `traceEvents[${index}]: E with no open B on thread ${key}`,
          );
        slice(begin, event.ts, event.args ?? {});
        return;
      }
      case "X":
        slice({ event, index }, event.ts + (event.dur ?? 0), {});
        return;
      case "b":
      case "e":
        if (event.cat === CATEGORY.call) asyncCall(event, index, calls, found, out);
        return;
      case "i":
      case "I":
        out.marks.push(markOf(event));
        return;
      default:
        return;
    }
  });
  found.sort((a, b) => a.index - b.index);
  for (const entry of found) entry.put();
  return out;
}

function asyncCall(
  event: TraceEvent,
  index: number,
  calls: Map<string, OpenCall>,
  found: { index: number; put: () => void }[],
  out: TraceSlices,
): void {
  const id = String(event.id);
  const open = calls.get(id);
  const where = `traceEvents[${index}] (call "${event.name}")`;
  if (event.ph === "b") {
    if (!open) {
      calls.set(id, { event, index, waits: [] });
      return;
    }
    if (open.wait) throw new ProfilingError("invalid_trace", `${where}: a wait begins inside another wait`);
    open.wait = { event, index };
    return;
  }
  if (!open) throw new ProfilingError("invalid_trace", `${where}: e with no open b for id ${id}`);
  if (open.wait) {
    const fields = new TraceFields(open.wait.event.args ?? {}, where);
    open.waits.push({
      kind: fields.oneOf("wait", WAITS),
      startMs: open.wait.event.ts / 1000,
      endMs: event.ts / 1000,
    });
    open.wait = undefined;
    return;
  }
  calls.delete(id);
  const fields = new TraceFields({ ...open.event.args, ...event.args }, where);
  const span: CallSpan = compact({
    callId: fields.string("callId"),
    alias: fields.string("alias"),
    startMs: open.event.ts / 1000,
    endMs: event.ts / 1000,
    outcome: fields.oneOf("outcome", CALL_OUTCOMES),
    attempts: fields.number("attempts"),
    errorKind: fields.optionalString("errorKind"),
    waits: open.waits,
    ...owner(fields),
  });
  found.push({ index: open.index, put: () => out.calls.push(span) });
}

function owner(fields: TraceFields) {
  return {
    runId: fields.optionalString("runId"),
    itemId: fields.optionalString("itemId"),
    nodeId: fields.optionalString("nodeId"),
    modulePath: fields.optionalString("modulePath"),
  };
}

function attemptOf(fields: TraceFields, startMs: number, endMs: number): AttemptSpan {
  return compact({
    callId: fields.string("callId"),
    alias: fields.string("alias"),
    endpoint: fields.string("endpoint"),
    slot: fields.number("slot"),
    attempt: fields.number("attempt"),
    model: fields.optionalString("model"),
    startMs,
    endMs,
    outcome: fields.oneOf("outcome", OUTCOMES),
    errorKind: fields.optionalString("errorKind"),
    inputTokens: fields.optionalNumber("inputTokens"),
    outputTokens: fields.optionalNumber("outputTokens"),
    costUsd: fields.optionalNumber("costUsd"),
    ttftMs: fields.optionalNumber("ttftMs"),
    ...owner(fields),
  });
}

function nodeOf(fields: TraceFields, startMs: number, endMs: number): NodeSpan {
  return compact({
    runId: fields.string("runId"),
    itemId: fields.optionalString("itemId"),
    nodeId: fields.string("nodeId"),
    kind: fields.string("kind"),
    modulePath: fields.optionalString("modulePath"),
    alias: fields.optionalString("alias"),
    queuedMs: fields.optionalNumber("queuedMs"),
    startMs,
    endMs,
    status: fields.oneOf("status", NODE_STATUSES),
    retries: fields.optionalNumber("retries") ?? 0,
  });
}

function markOf(event: TraceEvent): Mark {
  const { alias, runId, ...rest } = event.args ?? {};
  const args: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(rest)) {
    if (typeof value === "string" || typeof value === "number" || typeof value === "boolean")
      args[key] = value;
  }
  return compact({
    name: event.name,
    category: event.cat ?? "",
    timeMs: event.ts / 1000,
    alias: typeof alias === "string" ? alias : undefined,
    runId: typeof runId === "string" ? runId : undefined,
    args,
  });
}
