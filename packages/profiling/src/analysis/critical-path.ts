import type { AttemptSpan, CallSpan, NodeSpan, ProfileModel, RunSpan } from "../model/profile-model.js";
import { expandedGraph, observedElementsByRun } from "../record/expanded-graph.js";
import type { CriticalPath, CriticalStep, StepCalls } from "./analysis-types.js";
import { ownerKey } from "./owner-key.js";
import { waitTotals } from "./wait-totals.js";

/**
 * The critical path of each run (and each batch item) that has a graph: start from the node that finished last,
 * step to the dependency that finished last (the first listed on a tie), and stop at a node with no executed
 * dependency. The graph includes the elements of the run's fan-outs (`expandedGraph`), so a fan-out is entered
 * through the element output that ended last and the path runs through the slowest element's nodes. Steps carry
 * actual times, so `totalMs` is the wall time from the path's start to its end: the run's start for a run without
 * items, else the item's first queued or started node.
 */
export function criticalPaths(model: ProfileModel): CriticalPath[] {
  const runs = new Map<string, RunSpan>(model.runs.map((run) => [run.runId, run]));
  const groups = new Map<string, NodeSpan[]>();
  for (const node of model.nodes) {
    const key = `${node.runId}\u0000${node.itemId ?? ""}`;
    const group = groups.get(key);
    if (group) group.push(node);
    else groups.set(key, [node]);
  }
  const observed = observedElementsByRun(model.nodes);
  const calls = callsByNode(model);
  const paths: CriticalPath[] = [];
  // A batch's items share their run's graph: expand and index it once per run.
  const dependencies = new Map<string, ReadonlyMap<string, readonly string[]>>();
  for (const nodes of groups.values()) {
    const first = nodes[0] as NodeSpan;
    const run = runs.get(first.runId);
    if (!run?.graph) continue;
    let edges = dependencies.get(run.runId);
    if (!edges) {
      const expansions = new Map(run.expansions?.map(({ nodeId, ...expansion }) => [nodeId, expansion]));
      const graph = expandedGraph(run.graph, expansions, observed.get(run.runId) ?? new Map()) ?? run.graph;
      edges = new Map(graph.nodes.map((node) => [node.id, node.dependencies]));
      dependencies.set(run.runId, edges);
    }
    const path = pathOf(nodes, run, edges, calls);
    if (path) paths.push(path);
  }
  return paths.sort((a, b) => a.startMs - b.startMs);
}

interface NodeCalls {
  readonly attempts: AttemptSpan[];
  readonly calls: CallSpan[];
}

function callsByNode(model: ProfileModel): Map<string, NodeCalls> {
  const index = new Map<string, NodeCalls>();
  const entry = (runId: string | undefined, itemId: string | undefined, nodeId: string) => {
    const key = ownerKey(runId, itemId, nodeId);
    let found = index.get(key);
    if (!found) {
      found = { attempts: [], calls: [] };
      index.set(key, found);
    }
    return found;
  };
  for (const attempt of model.attempts) {
    if (attempt.nodeId !== undefined)
      entry(attempt.runId, attempt.itemId, attempt.nodeId).attempts.push(attempt);
  }
  for (const call of model.calls) {
    if (call.nodeId !== undefined) entry(call.runId, call.itemId, call.nodeId).calls.push(call);
  }
  return index;
}

function pathOf(
  nodes: readonly NodeSpan[],
  run: RunSpan,
  dependencies: ReadonlyMap<string, readonly string[]>,
  calls: Map<string, NodeCalls>,
): CriticalPath | undefined {
  const executed = new Map<string, NodeSpan>();
  let last: NodeSpan | undefined;
  for (const node of nodes) {
    if (node.status === "running" || node.status === "cancelled") continue;
    executed.set(node.nodeId, node);
    if (!last || node.endMs > last.endMs) last = node;
  }
  if (!last) return undefined;
  const chain: NodeSpan[] = [last];
  const visited = new Set([last.nodeId]);
  for (let current = last; ; ) {
    let previous: NodeSpan | undefined;
    for (const id of dependencies.get(current.nodeId) ?? []) {
      const candidate = executed.get(id);
      if (candidate && !visited.has(id) && (!previous || candidate.endMs > previous.endMs))
        previous = candidate;
    }
    if (!previous) break;
    visited.add(previous.nodeId);
    chain.unshift(previous);
    current = previous;
  }
  const head = chain[0] as NodeSpan;
  let startMs = head.startMs;
  for (const node of nodes) startMs = Math.min(startMs, node.queuedMs ?? node.startMs);
  if (head.itemId === undefined && run.startMs !== undefined) startMs = run.startMs;
  startMs = Math.min(startMs, head.startMs);
  let readyMs = startMs;
  const steps = chain.map((node): CriticalStep => {
    // Only a fan-out node reached through its elements started before its predecessor on the path ended.
    const start = Math.max(node.startMs, readyMs);
    const step: CriticalStep = {
      nodeId: node.nodeId,
      kind: node.kind,
      ...(node.modulePath === undefined ? {} : { modulePath: node.modulePath }),
      ...(node.alias === undefined ? {} : { alias: node.alias }),
      readyMs,
      startMs: start,
      endMs: node.endMs,
      waitMs: start - readyMs,
      durationMs: node.endMs - start,
      status: node.status,
      ...stepCalls(calls.get(ownerKey(node.runId, node.itemId, node.nodeId))),
    };
    readyMs = node.endMs;
    return step;
  });
  return {
    runId: last.runId,
    ...(last.itemId === undefined ? {} : { itemId: last.itemId }),
    startMs,
    endMs: last.endMs,
    totalMs: last.endMs - startMs,
    steps,
  };
}

function stepCalls(found: NodeCalls | undefined): { calls?: StepCalls } {
  if (!found || found.calls.length === 0) return {};
  const final = found.calls.reduce((a, b) => (b.startMs >= a.startMs ? b : a));
  return {
    calls: {
      alias: final.alias,
      attempts: found.attempts.length,
      serviceMs: found.attempts.reduce((sum, attempt) => sum + (attempt.endMs - attempt.startMs), 0),
      waits: waitTotals(found.calls),
    },
  };
}
