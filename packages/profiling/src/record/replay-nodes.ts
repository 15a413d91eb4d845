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

/**
 * Replays the node log: nodes in the order of their first event (`kind`, `alias` and `modulePath` from the first
 * event that has them, else from the run's graph), and the marks of retries, skips and of nodes that ended
 * before they started. A node's slice runs from its first `node.started` to its last end event.
 */
export function replayNodes(
  log: NodeLog,
  runs: readonly LiveRun[],
): { nodes: ReplayedNode[]; marks: ReplayedMark[] } {
  const nodes: ReplayedNode[] = [];
  const marks: ReplayedMark[] = [];
  const byRun = runs.map(() => new Map<string | undefined, Map<string, ReplayedNode>>());
  let index = 0;
  for (const chunk of log.chunks) {
    for (let at = 0; at < chunk.size; at++, index++) {
      const run = runs[chunk.run[at] as number] as LiveRun;
      const byItem = byRun[run.index] as Map<string | undefined, Map<string, ReplayedNode>>;
      const context = chunk.context[at] as NodeLogChunk["context"][number];
      const itemId = context.itemId;
      let byId = byItem.get(itemId);
      if (!byId) {
        byId = new Map();
        byItem.set(itemId, byId);
      }
      const kind = log.kinds.value(chunk.kind[at] as number);
      const alias = log.aliases.value(chunk.alias[at] as number);
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
        nodes.push(node);
      } else {
        node.kind ??= kind;
        node.alias ??= alias;
        node.modulePath ??= context.modulePath;
      }
      const mark = applyEvent(node, chunk.type[at] as number, chunk.time[at] as number);
      if (mark) marks.push({ index, mark });
    }
  }
  return { nodes, marks };
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
