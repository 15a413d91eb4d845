import { OptimizationError, Value, ValueKind } from "@weft/core";
import { type ExecNode, GraphExecution, type Runtime, TaskStatus } from "@weft/execution";
import { addUsage, UNKNOWN_USAGE, type Usage } from "@weft/provider";
import { BackwardError, type BackwardFailure } from "../errors/backward-error.js";
import { combineFeedback } from "../feedback/combine.js";
import type { FeedbackPayload } from "../feedback/normalize.js";
import { feedbackActions, scoreOf } from "../feedback/normalize.js";
import { parameterKey } from "../feedback/text.js";
import { callModel } from "../llm/model-runtime.js";
import { parseImprovements } from "../llm/parse-list.js";
import { critiqueIdOf, type PlannedNode, type RecordPlan } from "./backward-plan.js";
import type { BackwardReport, CritiqueReport } from "./backward-report.js";
import { CRITIC_SYSTEM_PROMPT, critiquePrompt } from "./critique-prompt.js";
import type { CritiqueTarget } from "./critique-targets.js";
import type { Propagation } from "./propagation.js";
import { type ParameterFeedback, routeFeedback } from "./routing.js";

interface StepOutcome {
  readonly type: "step";
  readonly combined: Value<FeedbackPayload> | undefined;
  readonly toNodes: ReadonlyMap<string, readonly Value[]>;
  readonly toParameters: readonly ParameterFeedback[];
}

interface CritiqueOutcome {
  readonly type: "critique";
  readonly items: readonly string[];
  readonly feedback: Value<FeedbackPayload> | undefined;
  readonly latencyMs: number;
  readonly usage: Usage | undefined;
  readonly costUsd: number | undefined;
}

type Outcome = StepOutcome | CritiqueOutcome;

const EMPTY: StepOutcome = { type: "step", combined: undefined, toNodes: new Map(), toParameters: [] };

/** Worth propagating: it has actions, or a score below 1. */
function informative(feedback: Value | undefined): feedback is Value<FeedbackPayload> {
  if (!feedback) return false;
  const score = scoreOf(feedback);
  return feedbackActions(feedback).length > 0 || (score !== undefined && score < 1);
}

/** What one backward graph run needs. */
export interface BackwardServices {
  readonly runtime: Runtime;
  readonly propagation: Propagation;
  /** Alias of `BackwardContext.reason()`; `undefined`: none. */
  readonly reasoningAlias: string | undefined;
  readonly signal: AbortSignal | undefined;
}

function reasonerOf(services: BackwardServices): (prompt: string) => Promise<string> {
  return async (prompt) => {
    const alias = services.reasoningAlias;
    if (alias === undefined) {
      throw new OptimizationError(
        "No reasoning model available: pass reasoningAlias to backward() or use textual-gradient propagation",
      );
    }
    return (
      await callModel(services.runtime, {
        alias,
        user: prompt,
        ...(services.signal ? { signal: services.signal } : {}),
      })
    ).text;
  };
}

function stepNode(
  plan: RecordPlan,
  planned: PlannedNode,
  seed: Value,
  services: BackwardServices,
): ExecNode<Outcome> {
  const { node } = planned;
  const reason = reasonerOf(services);
  return {
    id: planned.stepId,
    kind: "backward",
    modulePath: node.modulePath ?? "",
    dependencies: planned.producers,
    inline: true,
    execute: async (context) => {
      const downstream: Value[] = planned.isOutput ? [seed] : [];
      for (const producer of planned.producers) {
        const outcome = context.resultOf(producer);
        if (outcome.type === "step") downstream.push(...(outcome.toNodes.get(node.id) ?? []));
        else if (outcome.feedback) downstream.push(outcome.feedback);
      }
      const combined = combineFeedback(downstream);
      if (!informative(combined)) return { value: EMPTY };
      if (planned.targets.length > 0) return { value: { ...EMPTY, combined } };
      const routed = await routeFeedback(node, combined, downstream, {
        record: plan.record,
        graph: plan.graph,
        reason,
      });
      return { value: { type: "step", combined, ...routed } };
    },
  };
}

function critiqueNode(
  plan: RecordPlan,
  planned: PlannedNode,
  target: CritiqueTarget,
  services: BackwardServices,
): ExecNode<Outcome> {
  const { propagation, runtime } = services;
  if (propagation.kind !== "textual") throw new TypeError("critiques need textual-gradient propagation");
  const id = critiqueIdOf(plan.index, planned.node.id, target);
  const modulePath = planned.node.modulePath ?? "";
  return {
    id,
    kind: "llm",
    alias: propagation.alias,
    modulePath,
    dependencies: [planned.stepId],
    execute: async (context) => {
      const gathered = context.resultOf(planned.stepId) as StepOutcome;
      if (!gathered.combined) {
        return {
          value: {
            type: "critique",
            items: [],
            feedback: undefined,
            latencyMs: 0,
            usage: undefined,
            costUsd: undefined,
          },
        };
      }
      const user = critiquePrompt(
        planned.node,
        target,
        gathered.combined,
        plan.record,
        plan.graph,
        propagation.maxValueChars,
      );
      const { text, result } = await callModel(runtime, {
        alias: propagation.alias,
        system: propagation.systemPrompt ?? CRITIC_SYSTEM_PROMPT,
        user,
        ...(propagation.temperature === undefined ? {} : { temperature: propagation.temperature }),
        ...(propagation.maxTokens === undefined ? {} : { maxTokens: propagation.maxTokens }),
        context: { nodeId: id, modulePath },
        ...(context.signal ? { signal: context.signal } : {}),
      });
      const items = parseImprovements(text);
      const feedback = items.length > 0 ? new Value(ValueKind.STRUCTURED, [items]) : undefined;
      const outcome: CritiqueOutcome = {
        type: "critique",
        items,
        feedback,
        latencyMs: result.timings.serviceMs,
        usage: result.response.usage,
        costUsd: result.costUsd,
      };
      return {
        value: outcome,
        details: {
          usage: result.response.usage,
          calls: 1,
          ...(result.costUsd === undefined ? {} : { costUsd: result.costUsd }),
        },
      };
    },
  };
}

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
