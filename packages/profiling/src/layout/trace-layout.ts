import type { AttemptSpan, CallSpan, Mark, NodeSpan, ProfileModel, RunSpan } from "../model/profile-model.js";
import { assignLanes } from "./assign-lanes.js";

/** One endpoint slot of an alias: a thread of the alias's process. */
export interface SlotLane {
  readonly tid: number;
  readonly name: string;
  readonly endpoint: string;
  readonly slot: number;
  /** In start order; they never overlap. */
  readonly attempts: readonly AttemptSpan[];
}

/** An endpoint alias: a process. */
export interface AliasProcess {
  readonly pid: number;
  readonly alias: string;
  readonly lanes: readonly SlotLane[];
  readonly calls: readonly CallSpan[];
  readonly marks: readonly Mark[];
}

/** A lane of node spans: `compute` for user leaf modules, `graph` for every other kind. */
export interface NodeLane {
  readonly tid: number;
  readonly name: string;
  readonly kind: "compute" | "graph";
  readonly nodes: readonly NodeSpan[];
}

/** A run: a process with a `run` thread (tid 1) and its node lanes. */
export interface RunProcess {
  readonly pid: number;
  readonly name: string;
  readonly run: RunSpan;
  readonly lanes: readonly NodeLane[];
  readonly marks: readonly Mark[];
}

/** Which process and thread everything goes on; shared by the trace writer and the HTML timeline. */
export interface TraceLayout {
  /** Marks of no alias and no run, on pid 0. */
  readonly globalMarks: readonly Mark[];
  readonly aliases: readonly AliasProcess[];
  readonly runs: readonly RunProcess[];
}

/** The tid of a run's `run` thread. */
export const RUN_TID = 1;

/**
 * Lays a model out: a process per alias in order of first appearance (pids from 1), a thread per endpoint slot
 * (ordered by endpoint, then slot), then a process per run with its compute and graph lanes (lowest free lane).
 */
export function layoutTrace(model: ProfileModel): TraceLayout {
  const aliasFirst = new Map<string, number>();
  const seen = (alias: string | undefined, time: number) => {
    if (alias === undefined) return;
    const known = aliasFirst.get(alias);
    if (known === undefined || time < known) aliasFirst.set(alias, time);
  };
  for (const call of model.calls) seen(call.alias, call.startMs);
  for (const attempt of model.attempts) seen(attempt.alias, attempt.startMs);
  for (const mark of model.marks) if (mark.runId === undefined) seen(mark.alias, mark.timeMs);
  const aliasNames = [...aliasFirst].sort((a, b) => a[1] - b[1]).map(([alias]) => alias);
  let pid = 0;
  const aliases = aliasNames.map((alias) => aliasProcess(model, alias, ++pid));
  const runs = orderedRuns(model).map((run) => runProcess(model, run, ++pid));
  const globalMarks = model.marks.filter((mark) => mark.runId === undefined && mark.alias === undefined);
  return { globalMarks, aliases, runs };
}

function aliasProcess(model: ProfileModel, alias: string, pid: number): AliasProcess {
  const attempts = model.attempts.filter((attempt) => attempt.alias === alias);
  const endpoints: string[] = [];
  const bySlot = new Map<string, AttemptSpan[]>();
  for (const attempt of [...attempts].sort((a, b) => a.startMs - b.startMs)) {
    if (!endpoints.includes(attempt.endpoint)) endpoints.push(attempt.endpoint);
    const key = `${attempt.endpoint}\u0000${attempt.slot}`;
    const lane = bySlot.get(key);
    if (lane) lane.push(attempt);
    else bySlot.set(key, [attempt]);
  }
  const keys = [...bySlot.keys()].sort((a, b) => {
    const [ea, sa] = a.split("\u0000") as [string, string];
    const [eb, sb] = b.split("\u0000") as [string, string];
    return endpoints.indexOf(ea) - endpoints.indexOf(eb) || Number(sa) - Number(sb);
  });
  const lanes = keys.map((key, index): SlotLane => {
    const laneAttempts = bySlot.get(key) as AttemptSpan[];
    const first = laneAttempts[0] as AttemptSpan;
    return {
      tid: index + 1,
      name: endpoints.length > 1 ? `${first.endpoint} slot ${first.slot}` : `slot ${first.slot}`,
      endpoint: first.endpoint,
      slot: first.slot,
      attempts: laneAttempts,
    };
  });
  return {
    pid,
    alias,
    lanes,
    calls: model.calls.filter((call) => call.alias === alias),
    marks: model.marks.filter((mark) => mark.runId === undefined && mark.alias === alias),
  };
}

function orderedRuns(model: ProfileModel): RunSpan[] {
  const runs = new Map<string, RunSpan>(model.runs.map((run) => [run.runId, run]));
  const first = new Map<string, number>();
  const seen = (runId: string, time: number | undefined) => {
    if (!runs.has(runId)) runs.set(runId, { runId });
    if (time === undefined) return;
    const known = first.get(runId);
    if (known === undefined || time < known) first.set(runId, time);
  };
  for (const run of model.runs) seen(run.runId, run.startMs);
  for (const node of model.nodes) seen(node.runId, node.queuedMs ?? node.startMs);
  for (const mark of model.marks) if (mark.runId !== undefined) seen(mark.runId, mark.timeMs);
  return [...runs.values()].sort(
    (a, b) =>
      (first.get(a.runId) ?? Number.POSITIVE_INFINITY) - (first.get(b.runId) ?? Number.POSITIVE_INFINITY),
  );
}

function runProcess(model: ProfileModel, run: RunSpan, pid: number): RunProcess {
  const nodes = model.nodes.filter((node) => node.runId === run.runId);
  const compute = assignLanes(nodes.filter((node) => node.kind === "leaf"));
  const graph = assignLanes(nodes.filter((node) => node.kind !== "leaf"));
  let tid = RUN_TID;
  const lanes: NodeLane[] = [
    ...compute.map((laneNodes, index) => ({
      tid: ++tid,
      name: `compute ${index + 1}`,
      kind: "compute" as const,
      nodes: laneNodes,
    })),
    ...graph.map((laneNodes, index) => ({
      tid: ++tid,
      name: `graph ${index + 1}`,
      kind: "graph" as const,
      nodes: laneNodes,
    })),
  ];
  return {
    pid,
    name: `run ${run.runId}`,
    run,
    lanes,
    marks: model.marks.filter((mark) => mark.runId === run.runId),
  };
}
