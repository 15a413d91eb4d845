import { errorValue, unwrap, type Value } from "@weft/core";
import type { Usage } from "@weft/provider";
import { type InferenceGraph, resolveStructure } from "@weft/tracing";
import { type NodeFailure, RunFailedError } from "../errors/run-failed-error.js";
import type { RunStatus } from "../events/runtime-events.js";
import type { ForwardRecord } from "../record/forward-record.js";
import { TaskStatus } from "../state/task-status.js";
import type { GraphExecution } from "./graph-execution.js";
import type { NodeReport } from "./node-report.js";

/** When a run happened, on its clock (ms). */
export interface RunTimings {
  readonly startedAt: number;
  readonly finishedAt: number;
  readonly durationMs: number;
}

/** What `run()` resolves to. `T` is the output as plain data, in the shape `forward()` returned. */
export interface RunResult<T = unknown> {
  readonly runId: string;
  /** Set for the items of a batch or stream: the item's index. */
  readonly index?: number;
  /**
   * The output in exactly the shape `forward()` returned (arrays stay arrays, objects keep their keys), as
   * plain data. A failed, cancelled or skipped output holds the ERROR's payload (the Error).
   */
  readonly output: T;
  /** The same structure with Values (refs and meta kept; failed outputs are ERROR Values). */
  readonly values: unknown;
  /**
   * True when `status` is `completed`: no node failed, no LLM node was cancelled by a budget stop, and the run
   * was not aborted.
   */
  readonly ok: boolean;
  readonly status: RunStatus;
  /** With status `stopped`: the budget error that kept some of the run's LLM nodes from running. */
  readonly stopReason?: unknown;
  /** The nodes that failed, with their errors. */
  readonly errors: readonly NodeFailure[];
  /** Nodes that did not run because an ancestor failed, a budget stopped LLM calls, or the run was aborted. */
  readonly cancelled: readonly string[];
  /** Nodes on route branches not taken. */
  readonly skipped: readonly string[];
  /** Token usage summed over every LLM call (re-asks and tool steps included). */
  readonly usage: Usage;
  /** USD summed over calls with a known cost. */
  readonly costUsd: number;
  /** Provider calls made. */
  readonly calls: number;
  readonly timings: RunTimings;
  /**
   * What happened to each node that held a slot (LLM and leaf nodes), failed, carries details (record mode)
   * or was resumed; LLM responses are in `details`. Inline data nodes that just completed are not listed.
   */
  readonly nodes: ReadonlyMap<string, NodeReport>;
  /** Nodes whose results came from a checkpoint. */
  readonly resumedNodes: number;
  /** Nodes of the run, fan-out expansions included. */
  readonly nodeCount: number;
  readonly graph: InferenceGraph;
  /** The tape, in record mode (training: `module.train()`, or `record: true`; never inside `noGrad`). */
  readonly record?: ForwardRecord;
  /**
   * The id under which `record` is registered, also carried by every Value of `values` in `meta.tapeIds`, so
   * `backward()` on a loss of those Values finds it. Set by `run`, `runBatch` and `runStream` in record mode;
   * released by that backward pass, `releaseTape(tapeId)`, or eviction past the registry's capacity.
   */
  readonly tapeId?: string;
}

/** Builds a run's result from its finished graph execution. */
export function buildRunResult<T>(
  runId: string,
  graph: InferenceGraph,
  execution: GraphExecution<Value>,
  timings: RunTimings,
  record: ForwardRecord | undefined,
): RunResult<T> {
  const state = execution.state;
  const lookup = (ref: string): Value => {
    if (ref.startsWith("param:")) return graph.parameterValue(ref);
    const status = state.status(ref);
    if (status === TaskStatus.COMPLETED) return state.result(ref) as Value;
    return errorValue(state.error(ref) ?? new Error(`output node "${ref}" was ${status}`), { ref });
  };
  const values = resolveStructure(graph.output, lookup);
  const errors: NodeFailure[] = [];
  const cancelled: string[] = [];
  const skipped: string[] = [];
  for (const id of state.ids()) {
    const status = state.status(id);
    if (status === TaskStatus.FAILED) {
      const node = execution.node(id);
      errors.push({
        nodeId: id,
        kind: node?.kind ?? "unknown",
        modulePath: node?.modulePath ?? "",
        ...(node?.alias === undefined ? {} : { alias: node.alias }),
        error: state.error(id),
      });
    } else if (status === TaskStatus.CANCELLED) cancelled.push(id);
    else if (status === TaskStatus.SKIPPED) skipped.push(id);
  }
  const reports: ReadonlyMap<string, NodeReport> = execution.reports;
  const { usage, costUsd, calls } = execution.totals;
  let resumedNodes = 0;
  for (const report of reports.values()) if (report.resumed) resumedNodes++;
  const status: RunStatus = execution.status;
  return {
    runId,
    output: unwrap(values) as T,
    values,
    ok: status === "completed",
    status,
    ...(status === "stopped" ? { stopReason: execution.stopReason } : {}),
    errors,
    cancelled,
    skipped,
    usage,
    costUsd,
    calls,
    timings,
    nodes: reports,
    resumedNodes,
    nodeCount: state.size,
    graph,
    ...(record ? { record } : {}),
  };
}

/**
 * What a strict run or a bound call throws for a result that is not ok: a `RunFailedError` listing the failed
 * nodes, else (status `stopped`) the budget error that stopped its LLM nodes.
 */
export function failureOf(result: RunResult<unknown>): unknown {
  if (result.errors.length > 0 || result.stopReason === undefined) return new RunFailedError(result.errors);
  return result.stopReason;
}
