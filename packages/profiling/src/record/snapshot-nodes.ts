import type { NodeSpan, NodeStatus } from "../model/profile-model.js";
import { compact } from "./compact.js";
import type { LiveMark, LiveMarks } from "./live-marks.js";
import type { ReplayedMark, ReplayedNode } from "./replay-nodes.js";

/** The spans of the nodes that started (a node cancelled or skipped before it started is only a mark). */
export function nodeSpans(
  nodes: readonly ReplayedNode[],
  at: (time: number) => number,
  last: number,
): NodeSpan[] {
  const spans: NodeSpan[] = [];
  for (const node of nodes) {
    if (node.start === undefined) continue;
    spans.push(
      compact({
        runId: node.runId,
        itemId: node.itemId,
        nodeId: node.nodeId,
        kind: node.kind ?? "unknown",
        modulePath: node.modulePath,
        alias: node.alias,
        queuedMs: node.queued === undefined ? undefined : at(node.queued),
        startMs: at(node.start),
        endMs: at(node.end ?? last),
        status: (node.status ?? "running") as NodeStatus,
        retries: node.retries,
      }),
    );
  }
  return spans;
}

/**
 * The recorded marks and the node marks replayed from the node log, merged in arrival order: a node mark left
 * by node event `i` came before a recorded mark that saw more than `i` node events.
 */
export function inArrivalOrder(live: LiveMarks, replayed: readonly ReplayedMark[]): LiveMark[] {
  const merged: LiveMark[] = [];
  let next = 0;
  live.list.forEach((mark, position) => {
    const seen = live.nodeEventsBefore[position] as number;
    while (next < replayed.length && (replayed[next] as ReplayedMark).index < seen) {
      merged.push((replayed[next] as ReplayedMark).mark);
      next += 1;
    }
    merged.push(mark);
  });
  for (; next < replayed.length; next++) merged.push((replayed[next] as ReplayedMark).mark);
  return merged;
}
