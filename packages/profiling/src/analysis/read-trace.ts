import { ProfilingError } from "../errors/profiling-error.js";
import type { RunGraphInput } from "../input/runtime-events.js";
import type {
  AttemptSpan,
  CallSpan,
  FanOutExpansion,
  Mark,
  NodeSpan,
  ProfileModel,
} from "../model/profile-model.js";
import { compact } from "../record/compact.js";
import { isExpansionTemplate } from "../record/expanded-graph.js";
import type { TraceEvent } from "../trace/trace-types.js";
import { readSlices } from "./read-slices.js";

/**
 * Rebuilds the profile model from a trace: weft's slices (`llm_call`, `node`, `run`), call spans with their waits
 * and instants, plus the graphs (with their fan-outs' templates), capacities and window from `metadata.weft`. Accepts the JSON Object Format or a
 * bare event array; events of other categories are ignored. Throws a `ProfilingError` `invalid_trace` naming the
 * event and field when the file breaks the format or weft's conventions.
 */
export function readTrace(trace: unknown): ProfileModel {
  const { events, metadata } = unwrap(trace);
  const slices = readSlices(events);
  const weft = record(metadata?.weft);
  const window = readWindow(weft, events);
  const runs = new Map<
    string,
    {
      runId: string;
      startMs?: number;
      endMs?: number;
      status?: string;
      graph?: RunGraphInput;
      expansions?: readonly FanOutExpansion[];
    }
  >();
  const run = (runId: string) => {
    let found = runs.get(runId);
    if (!found) {
      found = { runId };
      runs.set(runId, found);
    }
    return found;
  };
  (Array.isArray(weft?.runs) ? weft.runs : []).forEach((entry: unknown, index: number) => {
    const item = record(entry);
    const expansions =
      item?.expansions === undefined
        ? undefined
        : readExpansions(item.expansions, `metadata.weft.runs[${index}].expansions`);
    const graph = record(item?.graph);
    if (typeof item?.runId === "string" && Array.isArray(graph?.nodes)) {
      const found = run(item.runId);
      found.graph = graph as unknown as RunGraphInput;
      if (expansions !== undefined) found.expansions = expansions;
    }
  });
  for (const slice of slices.runs) {
    const found = run(slice.runId);
    found.startMs = slice.startMs;
    if (slice.status !== "running") {
      found.endMs = slice.endMs;
      if (slice.status !== undefined) found.status = slice.status;
    }
  }
  for (const node of slices.nodes) run(node.runId);
  for (const mark of slices.marks) if (mark.runId !== undefined) run(mark.runId);
  const capacity: Record<string, number> = {};
  for (const [alias, value] of Object.entries(record(weft?.capacity) ?? {})) {
    if (typeof value === "number") capacity[alias] = value;
  }
  const startTime = typeof metadata?.start_time === "string" ? metadata.start_time : undefined;
  return compact({
    startTime,
    originMs: typeof weft?.clockOriginMs === "number" ? weft.clockOriginMs : 0,
    window,
    capacity,
    attempts: slices.attempts as readonly AttemptSpan[],
    calls: slices.calls as readonly CallSpan[],
    nodes: slices.nodes as readonly NodeSpan[],
    runs: [...runs.values()].map((entry) => compact(entry)),
    marks: slices.marks as readonly Mark[],
  });
}

/** A run's fan-outs as embedded (see `TraceRun`); throws `invalid_trace` naming the first malformed entry. */
function readExpansions(value: unknown, field: string): readonly FanOutExpansion[] {
  if (!Array.isArray(value)) throw new ProfilingError("invalid_trace", `${field} is not an array`);
  const seen = new Set<string>();
  return value.map((entry: unknown, index) => {
    const item = record(entry);
    const problem = expansionProblem(item, seen);
    if (problem) throw new ProfilingError("invalid_trace", `${field}[${index}] ${problem}`);
    seen.add(item?.nodeId as string);
    return item as unknown as FanOutExpansion;
  });
}

/** What is wrong with one embedded fan-out (`seen`: the fan-outs before it), or `undefined`. */
function expansionProblem(
  item: Record<string, unknown> | undefined,
  seen: ReadonlySet<string>,
): string | undefined {
  const nodeId = item?.nodeId;
  if (typeof nodeId !== "string") return "has no string nodeId";
  if (seen.has(nodeId)) return `repeats the fan-out ${nodeId}`;
  if (!Number.isSafeInteger(item?.count) || (item?.count as number) <= 0)
    return "has no positive integer count";
  if (!isExpansionTemplate(item?.template))
    return "has no valid template (a prefix with one *, nodes and outputs under it)";
  if (item.template.prefix !== `${nodeId}[*].`) return `has a template prefix other than ${nodeId}[*].`;
  return undefined;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function unwrap(trace: unknown): {
  events: readonly TraceEvent[];
  metadata: Record<string, unknown> | undefined;
} {
  if (Array.isArray(trace)) return { events: checked(trace), metadata: undefined };
  const object = record(trace);
  if (!object || !Array.isArray(object.traceEvents)) {
    throw new ProfilingError(
      "invalid_trace",
      "trace: expected an object with a traceEvents array, or an array of events",
    );
  }
  return { events: checked(object.traceEvents), metadata: record(object.metadata) };
}

/** Checks the fields every event needs to be placed: a phase, a time, a process and a thread. */
function checked(events: readonly unknown[]): readonly TraceEvent[] {
  events.forEach((event, index) => {
    const object = record(event);
    const problem = !object
      ? "is not an object"
      : typeof object.ph !== "string"
        ? "has no string ph"
        : typeof object.ts !== "number" && object.ph !== "M"
          ? "has no numeric ts"
          : typeof object.pid !== "number"
            ? "has no numeric pid"
            : undefined;
    if (problem) throw new ProfilingError("invalid_trace", `traceEvents[${index}] ${problem}`);
  });
  return events as readonly TraceEvent[];
}

function readWindow(
  weft: Record<string, unknown> | undefined,
  events: readonly TraceEvent[],
): { startMs: number; endMs: number } {
  const declared = record(weft?.window);
  if (typeof declared?.startMs === "number" && typeof declared.endMs === "number") {
    return { startMs: declared.startMs, endMs: declared.endMs };
  }
  let start = Number.POSITIVE_INFINITY;
  let end = Number.NEGATIVE_INFINITY;
  for (const event of events) {
    if (event.ph === "M") continue;
    start = Math.min(start, event.ts);
    end = Math.max(end, event.ts + (event.ph === "X" ? (event.dur ?? 0) : 0));
  }
  return Number.isFinite(start) ? { startMs: start / 1000, endMs: end / 1000 } : { startMs: 0, endMs: 0 };
}
