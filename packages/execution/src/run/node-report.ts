import { addUsage, UNKNOWN_USAGE, type Usage } from "@weft/provider";
import type { NodeKind } from "../events/runtime-events.js";
import type { NodeDetails } from "../graph/exec-node.js";
import type { TaskStatus } from "../state/task-status.js";

/** What happened to one node that ran (or was resumed from a checkpoint). */
export interface NodeReport {
  readonly id: string;
  readonly kind: NodeKind;
  readonly modulePath: string;
  /** The alias of an LLM node; `undefined` for other kinds. */
  readonly alias: string | undefined;
  readonly status: TaskStatus;
  /** First start on the run's clock (ms); `undefined` for a resumed node. */
  readonly startedAt: number | undefined;
  readonly finishedAt: number | undefined;
  /** From first start to the end, retries and waits included. 0 for a resumed node. */
  readonly durationMs: number;
  readonly retryCount: number;
  /** True when the result came from a checkpoint. */
  readonly resumed: boolean;
  /** Usage, cost, calls, the full LLM response, tool steps, recorded inputs... */
  readonly details: NodeDetails | undefined;
}

/** Usage, cost and LLM calls summed over a run's reports. */
export interface RunTotals {
  readonly usage: Usage;
  readonly costUsd: number;
  readonly calls: number;
}

/** Usage and cost summed over reports; nodes with unknown cost add nothing. */
export function totalsOf(reports: Iterable<NodeReport>): RunTotals {
  let usage: Usage = UNKNOWN_USAGE;
  let costUsd = 0;
  let calls = 0;
  for (const report of reports) {
    const details = report.details;
    if (!details || report.resumed) continue;
    if (details.usage) usage = addUsage(usage, details.usage);
    if (typeof details.costUsd === "number") costUsd += details.costUsd;
    if (typeof details.calls === "number") calls += details.calls;
  }
  return { usage, costUsd, calls };
}

/** The node fields a report copies. */
interface ReportedNode {
  readonly id: string;
  readonly kind: NodeKind;
  readonly modulePath: string;
  readonly alias?: string | undefined;
}

/** A report of a node that finished at `finishedAt` after starting at `startedAt`. */
export function reportOf(
  node: ReportedNode,
  status: TaskStatus,
  startedAt: number,
  finishedAt: number,
  retryCount: number,
  details: NodeDetails | undefined,
): NodeReport {
  return {
    id: node.id,
    kind: node.kind,
    modulePath: node.modulePath,
    alias: node.alias,
    status,
    startedAt,
    finishedAt,
    durationMs: finishedAt - startedAt,
    retryCount,
    resumed: false,
    details,
  };
}

/** The report of a node whose result came from a checkpoint. */
export function resumedReport(node: ReportedNode): NodeReport {
  return {
    id: node.id,
    kind: node.kind,
    modulePath: node.modulePath,
    alias: node.alias,
    status: "completed",
    startedAt: undefined,
    finishedAt: undefined,
    durationMs: 0,
    retryCount: 0,
    resumed: true,
    details: undefined,
  };
}
