import type { FanOutExpansion, Mark, ProfileModel, RunSpan } from "../model/profile-model.js";
import type { CallRecorder } from "./call-recorder.js";
import { compact } from "./compact.js";
import { observedElementsByRun, type RecordedExpansion } from "./expanded-graph.js";
import type { LiveMarks } from "./live-marks.js";
import type { LiveRun, NodeRecorder } from "./node-recorder.js";
import { replayNodes } from "./replay-nodes.js";
import { attemptSpans, callSpans } from "./snapshot-calls.js";
import { inArrivalOrder, nodeSpans } from "./snapshot-nodes.js";

/** What a snapshot is built from. */
export interface SnapshotSource {
  readonly calls: CallRecorder;
  readonly nodes: NodeRecorder;
  readonly marks: LiveMarks;
  /** Clock reading of the first event: time 0 of the model. */
  readonly origin: number;
  /**
   * Clock reading of the last event. Open spans end at it, or at a run's node timeline's `lastTime` when that is
   * later (a timeline's times arrive without events).
   */
  readonly last: number;
  readonly startTime: string | undefined;
  readonly capacity: Readonly<Record<string, number>>;
}

/**
 * The model of everything recorded so far, times relative to the origin. Spans still open end at the last event
 * (an attempt whose slot was taken again ends where the next one begins: its slot was released, so it
 * answered and its `call.finished` is still to come) and read as `in_flight` / `running`.
 */
export function snapshotModel(source: SnapshotSource): ProfileModel {
  const { origin } = source;
  const at = (time: number) => time - origin;
  const last = latestTimelineTime(source.nodes.runs, source.last);
  const attempts = attemptSpans(source.calls.table, at, last);
  const calls = callSpans(source.calls.table, at, last);
  const replayed = replayNodes(source.nodes.log, source.nodes.runs);
  const nodes = nodeSpans(replayed.nodes, at, last);
  const observed = observedElementsByRun(replayed.nodes);
  const runs: RunSpan[] = source.nodes.runs.map((run) =>
    compact({
      runId: run.runId,
      startMs: run.start === undefined ? undefined : at(run.start),
      endMs: run.end === undefined ? undefined : at(run.end),
      status: run.status,
      graph: run.graph,
      expansions: fanOuts(run.expansions, observed.get(run.runId) ?? new Map()),
    }),
  );
  const aliasOf = source.calls.endpointAlias;
  const marks: Mark[] = inArrivalOrder(source.marks, replayed.marks).map((mark) =>
    compact({
      name: mark.name,
      category: mark.category,
      timeMs: at(mark.time),
      alias:
        mark.alias ?? (typeof mark.args.endpoint === "string" ? aliasOf.get(mark.args.endpoint) : undefined),
      runId: mark.runId,
      args: compact(mark.args),
    }),
  );
  return compact({
    startTime: source.startTime,
    originMs: origin,
    window: { startMs: 0, endMs: at(last) },
    capacity: source.capacity,
    attempts,
    calls,
    nodes,
    runs,
    marks,
  });
}

/** The latest of `last` and the times written to the runs' node timelines. */
function latestTimelineTime(runs: readonly LiveRun[], last: number): number {
  let latest = last;
  for (const run of runs) {
    for (const timeline of run.timelines ?? []) {
      const time = timeline.lastTime;
      if (Number.isFinite(time) && time > latest) latest = time;
    }
  }
  return latest;
}

/**
 * A run's recorded fan-outs, each with its count cut to one past the highest element index that sent node events
 * in the run; `undefined` when none ran.
 */
function fanOuts(
  recorded: ReadonlyMap<string, RecordedExpansion> | undefined,
  observed: ReadonlyMap<string, ReadonlySet<number>>,
): FanOutExpansion[] | undefined {
  const list: FanOutExpansion[] = [];
  for (const [nodeId, { template, count }] of recorded ?? []) {
    let highest = -1;
    for (const index of observed.get(nodeId) ?? []) if (index < count && index > highest) highest = index;
    if (highest >= 0) list.push({ nodeId, count: highest + 1, template });
  }
  return list.length === 0 ? undefined : list;
}
