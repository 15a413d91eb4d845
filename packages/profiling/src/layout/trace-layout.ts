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
  const byAlias = {
    attempts: groupBy(model.attempts, (attempt) => attempt.alias),
    calls: groupBy(model.calls, (call) => call.alias),
    marks: groupBy(model.marks, (mark) => (mark.runId === undefined ? mark.alias : undefined)),
  };
  const byRun = {
    nodes: groupBy(model.nodes, (node) => node.runId),
    marks: groupBy(model.marks, (mark) => mark.runId),
  };
  let pid = 0;
  const aliases = aliasNames.map(
    (alias): AliasProcess => ({
      ...slotLanes(byAlias.attempts.get(alias) ?? []),
      pid: ++pid,
      alias,
      calls: byAlias.calls.get(alias) ?? [],
      marks: byAlias.marks.get(alias) ?? [],
    }),
  );
  const runs = orderedRuns(model).map((run) =>
    runProcess(run, ++pid, byRun.nodes.get(run.runId) ?? [], byRun.marks.get(run.runId) ?? []),
  );
  const globalMarks = model.marks.filter((mark) => mark.runId === undefined && mark.alias === undefined);
  return { globalMarks, aliases, runs };
}

/** Groups `items` by `key`, skipping items whose key is undefined; each group keeps the input order. */
function groupBy<T>(items: readonly T[], key: (item: T) => string | undefined): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const name = key(item);
    if (name === undefined) continue;
    const group = groups.get(name);
    if (group) group.push(item);
    else groups.set(name, [item]);
  }
  return groups;
}

/** An alias's slot lanes: a lane per endpoint slot, ordered by endpoint (first use) then slot. */
function slotLanes(attempts: readonly AttemptSpan[]): { lanes: SlotLane[] } {
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
  return { lanes };
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

function runProcess(
  run: RunSpan,
  pid: number,
  nodes: readonly NodeSpan[],
  marks: readonly Mark[],
): RunProcess {
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
    marks,
  };
}
