import type { Clock } from "@weft/core";
import type { ExecNode } from "../graph/exec-node.js";
import { TaskStatus } from "../state/task-status.js";
import { type NodeReport, reportOf, resumedReport } from "./node-report.js";
import { NodeTimer } from "./node-timer.js";

/**
 * One graph's node timers (the deadline and start time of each node while it runs, across its attempts) and
 * the reports of nodes that finished. A timer lives from the node's first start to its final state, so memory
 * holds one per running node, not one per node of the run.
 */
export class NodeBook<R> {
  readonly reports = new Map<string, NodeReport>();
  private readonly timers = new Map<string, NodeTimer>();

  constructor(
    private readonly clock: Clock,
    private readonly signal: AbortSignal,
    private readonly taskTimeoutMs: number | undefined,
  ) {}

  /** Starts the timer of a node that has none (at its first attempt); see {@link timerOf}. */
  startTimer(id: string): NodeTimer {
    const timer = new NodeTimer(id, this.clock, this.signal, this.taskTimeoutMs);
    this.timers.set(id, timer);
    return timer;
  }

  /** The node's timer while it has one. */
  timerOf(id: string): NodeTimer | undefined {
    return this.timers.get(id);
  }

  /** Stops every deadline (the run was aborted or is done). */
  stopAll(): void {
    for (const timer of this.timers.values()) timer.stop();
  }

  /**
   * Records what happened to a node that held a slot or ran user code (or failed, or has details); inline data
   * nodes without details (input, op, access, render, route, join, map) are not reported, to keep their cost near
   * zero. Stops and forgets the node's timer.
   */
  finish(
    node: ExecNode<R>,
    status: TaskStatus,
    retryCount: number,
    details: NodeReport["details"],
  ): NodeReport | undefined {
    if (node.inline && details === undefined && status === TaskStatus.COMPLETED) return undefined;
    const timer = this.timers.get(node.id);
    if (timer) {
      timer.stop();
      this.timers.delete(node.id);
    }
    const now = this.clock.now();
    const report = reportOf(node, status, timer?.startedAt ?? now, now, retryCount, details);
    this.reports.set(node.id, report);
    return report;
  }

  /** Records a node whose result came from a checkpoint. */
  resumed(node: ExecNode<R>): void {
    this.reports.set(node.id, resumedReport(node));
  }
}
