import type { Value } from "@weft/core";
import { type ExecNode, GraphExecution, TaskStatus } from "@weft/execution";
import { addUsage, UNKNOWN_USAGE, type Usage } from "@weft/provider";
import { BackwardError, type BackwardFailure } from "../errors/backward-error.js";
import { feedbackActions } from "../feedback/normalize.js";
import { parameterKey } from "../feedback/text.js";
import {
  type BackwardServices,
  type CritiqueOutcome,
  critiqueNode,
  type Outcome,
  type StepOutcome,
  stepNode,
} from "./backward-nodes.js";
import { critiqueIdOf, type RecordPlan } from "./backward-plan.js";
import type { BackwardReport, CritiqueReport } from "./backward-report.js";

function add(map: Map<string, string[]>, key: string, items: readonly string[]): void {
  const list = map.get(key);
  if (list) list.push(...items);
  else map.set(key, [...items]);
}

/**
 * Runs the backward graph of several records as one graph execution on the runtime's scheduler: every
 * step and critique is a node, so critiques of different records, and of different variables of one
 * call, run concurrently under the runtime's concurrency cap, the resource manager's limits and the budget.
 * When every node succeeded, adds the parameter feedback in a stable order (records in order, nodes in
 * reverse topological order, critique targets in order); otherwise throws BackwardError(`failed`) and adds
 * nothing.
 */
export async function runBackward(
  plans: readonly { readonly plan: RecordPlan; readonly seed: Value }[],
  services: BackwardServices,
): Promise<BackwardReport> {
  const nodes: ExecNode<Outcome>[] = [];
  for (const { plan, seed } of plans) {
    for (const planned of plan.nodes) {
      nodes.push(stepNode(plan, planned, seed, services));
      for (const target of planned.targets) nodes.push(critiqueNode(plan, planned, target, services));
    }
  }
  const { runtime } = services;
  const execution = new GraphExecution<Outcome>(nodes, {
    scheduler: runtime.scheduler,
    clock: runtime.clock,
    runId: runtime.runId,
    ...(runtime.emit ? { emit: runtime.emit } : {}),
    ...(services.signal ? { signal: services.signal } : {}),
    ...(runtime.settings.priority ? { priorityMode: runtime.settings.priority } : {}),
    ...(runtime.settings.taskTimeoutMs === undefined
      ? {}
      : { taskTimeoutMs: runtime.settings.taskTimeoutMs }),
  });
  const startedAt = runtime.clock.now();
  await execution.start();
  const durationMs = runtime.clock.now() - startedAt;
  if (services.signal?.aborted) throw services.signal.reason;
  const failures: BackwardFailure[] = [];
  for (const node of nodes) {
    if (execution.state.status(node.id) === TaskStatus.FAILED) {
      failures.push({ nodeId: node.id, error: execution.state.error(node.id) });
    }
  }
  if (failures.length > 0) {
    const first = failures[0] as BackwardFailure;
    const message = first.error instanceof Error ? first.error.message : String(first.error);
    throw new BackwardError(
      "failed",
      `${failures.length} backward step(s) failed; first ${first.nodeId}: ${message}`,
      {
        failures,
        cause: first.error,
      },
    );
  }
  const added = new Map<string, string[]>();
  const critiques: CritiqueReport[] = [];
  let usage: Usage = UNKNOWN_USAGE;
  let costUsd = 0;
  let calls = 0;
  for (const { plan } of plans) {
    for (const planned of plan.nodes) {
      const step = execution.state.result(planned.stepId) as StepOutcome | undefined;
      for (const { parameter, feedback } of step?.toParameters ?? []) {
        parameter.accumulateFeedback(feedback);
        if (parameter.requiresGrad) {
          add(
            added,
            parameterKey(parameter),
            typeof feedback === "string" ? [feedback] : feedbackActions(feedback),
          );
        }
      }
      for (const target of planned.targets) {
        const id = critiqueIdOf(plan.index, planned.node.id, target);
        const outcome = execution.state.result(id) as CritiqueOutcome | undefined;
        if (!outcome) continue;
        if (outcome.usage) {
          usage = addUsage(usage, outcome.usage);
          calls++;
          if (outcome.costUsd !== undefined) costUsd += outcome.costUsd;
          critiques.push({
            nodeId: id,
            forwardNodeId: planned.node.id,
            modulePath: planned.node.modulePath ?? "",
            target: target.key,
            items: outcome.items,
            latencyMs: outcome.latencyMs,
            durationMs: execution.reports.get(id)?.durationMs ?? 0,
          });
        }
        if (target.kind === "parameter" && outcome.items.length > 0) {
          for (const item of outcome.items) target.parameter.accumulateFeedback(item);
          add(added, parameterKey(target.parameter), outcome.items);
        }
      }
    }
  }
  return {
    records: plans.length,
    steps: nodes.length,
    critiques,
    parameterFeedback: added,
    usage,
    costUsd,
    calls,
    durationMs,
  };
}
