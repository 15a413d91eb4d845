import type { NodeTimelineInput } from "../input/runtime-events.js";
import type { NodeStatus } from "../model/profile-model.js";
import type { LiveMark } from "./live-marks.js";
import {
  NODE_CANCELLED,
  NODE_EVENT_TYPES,
  NODE_FAILED,
  NODE_FINISHED,
  NODE_QUEUED,
  NODE_RETRIED,
  NODE_SKIPPED,
  NODE_STARTED,
  type NodeLog,
  type NodeLogChunk,
} from "./node-log.js";
import type { LiveRun } from "./node-recorder.js";

/** A node put together from its events: times on the runtime clock. */
export interface ReplayedNode {
  readonly runId: string;
  readonly itemId: string | undefined;
  readonly nodeId: string;
  kind: string | undefined;
  modulePath: string | undefined;
  alias: string | undefined;
  queued: number | undefined;
  start: number | undefined;
  end: number | undefined;
  status: Exclude<NodeStatus, "running"> | undefined;
  retries: number;
}

/** A node mark and the position in the node log of the event that left it. */
export interface ReplayedMark {
  readonly index: number;
  readonly mark: LiveMark;
}

/** The nodes of every run so far, by item and node id. */
class ReplayedNodes {
  readonly list: ReplayedNode[] = [];
  private readonly byRun: Map<string | undefined, Map<string, ReplayedNode>>[];

  constructor(runs: readonly LiveRun[]) {
    this.byRun = runs.map(() => new Map());
  }

  /** The node `context` names in `run`, made on its first event (fields it lacks come from the run's graph). */
  of(run: LiveRun, context: NodeContext, kind: string | undefined, alias: string | undefined): ReplayedNode {
    const byItem = this.byRun[run.index] as Map<string | undefined, Map<string, ReplayedNode>>;
    const itemId = context.itemId;
    let byId = byItem.get(itemId);
    if (!byId) {
      byId = new Map();
      byItem.set(itemId, byId);
    }
    const nodeId = context.nodeId;
    let node = byId.get(nodeId);
    if (!node) {
      const declared = run.declared?.get(nodeId);
      node = {
        runId: run.runId,
        itemId,
        nodeId,
        kind: kind ?? declared?.kind,
        modulePath: context.modulePath ?? declared?.modulePath,
        alias: alias ?? declared?.alias,
        queued: undefined,
        start: undefined,
        end: undefined,
        status: undefined,
        retries: 0,
      };
      byId.set(nodeId, node);
      this.list.push(node);
    } else {
      node.kind ??= kind;
      node.alias ??= alias;
      node.modulePath ??= context.modulePath;
    }
    return node;
  }
}

type NodeContext = NodeLogChunk["context"][number];

/**
 * Replays a recording's nodes: first the rows of each run's node timelines (the queue, start and finish times the
 * runtime wrote instead of sending events), then the node log in arrival order. Nodes come in the order of their
 * first row or event (`kind`, `alias` and `modulePath` from the first that has them, else from the run's graph),
 * with the marks of retries, skips and of nodes that ended before they started. A node's slice runs from its first
 * start to its last end.
 */
export function replayNodes(
  log: NodeLog,
  runs: readonly LiveRun[],
): { nodes: ReplayedNode[]; marks: ReplayedMark[] } {
  const nodes = new ReplayedNodes(runs);
  const marks: ReplayedMark[] = [];
  for (const run of runs) {
    for (const timeline of run.timelines ?? []) replayTimeline(timeline, run, nodes, marks);
  }
  let index = 0;
  for (const chunk of log.chunks) {
    for (let at = 0; at < chunk.size; at++, index++) {
      const run = runs[chunk.run[at] as number] as LiveRun;
      const kind = log.kinds.value(chunk.kind[at] as number);
      const alias = log.aliases.value(chunk.alias[at] as number);
      const node = nodes.of(run, chunk.context[at] as NodeContext, kind, alias);
      const mark = applyEvent(node, chunk.type[at] as number, chunk.time[at] as number);
      if (mark) marks.push({ index, mark });
    }
  }
  return { nodes: nodes.list, marks };
}

/**
 * Applies a timeline's rows as their `node.queued`, `node.started` and `node.finished` would have been applied. A
 * row whose context names no node is skipped (the timeline came from outside weft's runtime).
 */
function replayTimeline(
  timeline: NodeTimelineInput,
  run: LiveRun,
  nodes: ReplayedNodes,
  marks: ReplayedMark[],
): void {
  try {
    for (let row = 0; row < timeline.size; row++) replayRow(timeline, row, run, nodes, marks);
  } catch {
    // A timeline that throws (not weft's) is left out from that row on; the recording itself is unharmed.
  }
}

function replayRow(
  timeline: NodeTimelineInput,
  row: number,
  run: LiveRun,
  nodes: ReplayedNodes,
  marks: ReplayedMark[],
): void {
  const context = timeline.context(row);
  if (typeof context?.nodeId !== "string") return;
  const kind = timeline.kind(row);
  const alias = timeline.alias(row);
  const node = nodes.of(
    run,
    context,
    typeof kind === "string" ? kind : undefined,
    typeof alias === "string" ? alias : undefined,
  );
  const queued = timeline.queuedAt(row);
  const started = timeline.startedAt(row);
  const finished = timeline.finishedAt(row);
  if (Number.isFinite(queued)) applyEvent(node, NODE_QUEUED, queued);
  if (Number.isFinite(started)) applyEvent(node, NODE_STARTED, started);
  if (!Number.isFinite(finished)) return;
  // Timeline rows come before every logged node event, so such a mark is placed before the log's marks.
  const mark = applyEvent(node, NODE_FINISHED, finished);
  if (mark) marks.push({ index: 0, mark });
}

/** Applies one event of type `type` (a `NODE_*` code) at `time` to its node; returns the mark it leaves, if any. */
function applyEvent(node: ReplayedNode, type: number, time: number): LiveMark | undefined {
  switch (type) {
    case NODE_QUEUED:
      node.queued ??= time;
      return undefined;
    case NODE_STARTED:
      node.start ??= time;
      return undefined;
    case NODE_FINISHED:
    case NODE_FAILED:
    case NODE_CANCELLED:
      if (node.start === undefined)
        return nodeMark(`node ${(NODE_EVENT_TYPES[type] as string).slice(5)}`, time, node);
      node.end = time;
      node.status = type === NODE_FINISHED ? "finished" : type === NODE_FAILED ? "failed" : "cancelled";
      return undefined;
    case NODE_RETRIED:
      node.retries += 1;
      return nodeMark("node retried", time, node);
    case NODE_SKIPPED:
      return nodeMark("node skipped", time, node);
    default:
      return undefined;
  }
}

function nodeMark(name: string, time: number, node: ReplayedNode): LiveMark {
  return {
    name,
    category: "node",
    time,
    alias: node.alias,
    runId: node.runId,
    args: { nodeId: node.nodeId, itemId: node.itemId, kind: node.kind, modulePath: node.modulePath },
  };
}
