import { criticalPaths } from "../analysis/critical-path.js";
import { ownerKey } from "../analysis/owner-key.js";
import { layoutTrace, RUN_TID, type TraceLayout } from "../layout/trace-layout.js";
import type { ProfileModel } from "../model/profile-model.js";
import { compact } from "../record/compact.js";
import { CATEGORY, GENERATOR, toMicros } from "../trace/trace-conventions.js";
import type { TraceEvent, TraceFile, TraceRun } from "../trace/trace-types.js";
import { callCounterEvents } from "./counter-events.js";
import { metadataEvents } from "./metadata-events.js";
import { attemptEvents, callEvents, limiterCounter, markEvent, nodeEvents } from "./slice-events.js";

/** Options of {@link buildTrace}. */
export interface BuildTraceOptions {
  /** Link the steps of each critical path with flow events. Default: true. */
  readonly criticalPathFlows?: boolean;
}

/**
 * Writes a model as a Trace Event Format file: metadata events first, then every other event in time order (a
 * stable sort, so each thread's and each async id's events keep their begin/end order).
 */
export function buildTrace(model: ProfileModel, options: BuildTraceOptions = {}): TraceFile {
  const layout = layoutTrace(model);
  const timed: TraceEvent[] = [];
  for (const process of layout.aliases) {
    for (const lane of process.lanes) {
      for (const attempt of lane.attempts) timed.push(...attemptEvents(process.pid, lane.tid, attempt));
    }
    for (const call of process.calls) timed.push(...callEvents(process.pid, call));
    const attempts = process.lanes.flatMap((lane) => lane.attempts);
    append(timed, callCounterEvents(process.pid, attempts, process.calls));
    for (const mark of process.marks) {
      timed.push(markEvent(process.pid, mark));
      const counter = mark.category === "limiter" ? limiterCounter(process.pid, mark) : undefined;
      if (counter) timed.push(counter);
    }
  }
  const windowEnd = model.window.endMs;
  for (const process of layout.runs) {
    const { run } = process;
    if (run.startMs !== undefined) {
      const name = `run ${run.runId}`;
      const pid = process.pid;
      timed.push(
        {
          name,
          cat: CATEGORY.run,
          ph: "B",
          ts: toMicros(run.startMs),
          pid,
          tid: RUN_TID,
          args: { runId: run.runId },
        },
        {
          name,
          cat: CATEGORY.run,
          ph: "E",
          ts: toMicros(Math.max(run.startMs, run.endMs ?? windowEnd)),
          pid,
          tid: RUN_TID,
          args: compact({ status: run.status ?? (run.endMs === undefined ? "running" : undefined) }),
        },
      );
    }
    for (const lane of process.lanes) {
      for (const node of lane.nodes) timed.push(...nodeEvents(process.pid, lane.tid, node));
    }
    for (const mark of process.marks) timed.push(markEvent(process.pid, mark));
  }
  for (const mark of layout.globalMarks) timed.push(markEvent(0, mark));
  if (options.criticalPathFlows ?? true) append(timed, flowEvents(model, layout));
  timed.sort((a, b) => a.ts - b.ts);
  const traceEvents = metadataEvents(layout);
  append(traceEvents, timed);
  const runs: TraceRun[] = [];
  for (const run of model.runs) {
    if (run.graph) runs.push(compact({ runId: run.runId, graph: run.graph, expansions: run.expansions }));
  }
  return {
    traceEvents,
    displayTimeUnit: "ms",
    metadata: {
      generator: GENERATOR,
      ...(model.startTime === undefined ? {} : { start_time: model.startTime }),
      total_events: traceEvents.length,
      weft: {
        formatVersion: 1,
        clockOriginMs: model.originMs,
        window: model.window,
        capacity: model.capacity,
        runs,
      },
    },
  };
}

/** `s`/`t`/`f` flow events from each critical step's slice to the next one's, bound to the slices' starts. */
function flowEvents(model: ProfileModel, layout: TraceLayout): TraceEvent[] {
  const where = new Map<string, { pid: number; tid: number }>();
  for (const process of layout.runs) {
    for (const lane of process.lanes) {
      for (const node of lane.nodes) {
        where.set(ownerKey(node.runId, node.itemId, node.nodeId), { pid: process.pid, tid: lane.tid });
      }
    }
  }
  const events: TraceEvent[] = [];
  criticalPaths(model).forEach((path, index) => {
    if (path.steps.length < 2) return;
    path.steps.forEach((step, position) => {
      const at = where.get(ownerKey(path.runId, path.itemId, step.nodeId));
      if (!at) return;
      const ph = position === 0 ? "s" : position === path.steps.length - 1 ? "f" : "t";
      events.push({
        name: "critical path",
        cat: CATEGORY.criticalPath,
        ph,
        ts: toMicros(step.startMs),
        pid: at.pid,
        tid: at.tid,
        id: index + 1,
        ...(ph === "f" ? { bp: "e" as const } : {}),
      });
    });
  });
  return events;
}

/** Pushes `items` one by one (spreading a long array into `push` overflows the stack). */
function append<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}
