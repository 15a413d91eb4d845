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
  for (let index = 0; index < log.size; index++) {
    const run = runs[log.run[index] as number] as LiveRun;
    const byItem = byRun[run.index] as Map<string | undefined, Map<string, ReplayedNode>>;
    const context = log.context.get(index);
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
        kind: log.kinds.value(log.kind[index] as number) ?? declared?.kind,
        modulePath: context.modulePath ?? declared?.modulePath,
        alias: log.aliases.value(log.alias[index] as number) ?? declared?.alias,
        queued: undefined,
        start: undefined,
        end: undefined,
        status: undefined,
        retries: 0,
      };
      byId.set(nodeId, node);
      nodes.push(node);
    } else {
      node.kind ??= log.kinds.value(log.kind[index] as number);
      node.alias ??= log.aliases.value(log.alias[index] as number);
      node.modulePath ??= context.modulePath;
    }
    const time = log.time[index] as number;
    const type = log.type[index] as number;
    switch (type) {
      case NODE_QUEUED:
        node.queued ??= time;
        break;
      case NODE_STARTED:
        node.start ??= time;
        break;
      case NODE_FINISHED:
      case NODE_FAILED:
      case NODE_CANCELLED:
        if (node.start === undefined) {
          marks.push({
            index,
            mark: nodeMark(`node ${(NODE_EVENT_TYPES[type] as string).slice(5)}`, time, node),
          });
          break;
        }
        node.end = time;
        node.status = type === NODE_FINISHED ? "finished" : type === NODE_FAILED ? "failed" : "cancelled";
        break;
      case NODE_RETRIED:
        node.retries += 1;
        marks.push({ index, mark: nodeMark("node retried", time, node) });
        break;
      case NODE_SKIPPED:
        marks.push({ index, mark: nodeMark("node skipped", time, node) });
        break;
    }
  }
  return { nodes, marks };
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
