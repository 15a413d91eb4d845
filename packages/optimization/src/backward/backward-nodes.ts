import { OptimizationError, Value, ValueKind } from "@weft/core";
import type { ExecNode, Runtime } from "@weft/execution";
import type { Usage } from "@weft/provider";
import { combineFeedback } from "../feedback/combine.js";
import type { FeedbackPayload } from "../feedback/normalize.js";
import { feedbackActions, scoreOf } from "../feedback/normalize.js";
import { callModel } from "../llm/model-runtime.js";
import { parseImprovements } from "../llm/parse-list.js";
import { critiqueIdOf, type PlannedNode, type RecordPlan } from "./backward-plan.js";
import { CRITIC_SYSTEM_PROMPT, critiquePrompt } from "./critique-prompt.js";
import type { CritiqueTarget } from "./critique-targets.js";
import type { Propagation } from "./propagation.js";
import { type ParameterFeedback, routeFeedback } from "./routing.js";

/** What a backward step produced: the combined feedback of its node, and where it routed it. @internal */
export interface StepOutcome {
  readonly type: "step";
  readonly combined: Value<FeedbackPayload> | undefined;
  readonly toNodes: ReadonlyMap<string, readonly Value[]>;
  readonly toParameters: readonly ParameterFeedback[];
}

/** What a critique produced: the improvements, as feedback for its target. @internal */
export interface CritiqueOutcome {
  readonly type: "critique";
  readonly items: readonly string[];
  readonly feedback: Value<FeedbackPayload> | undefined;
  readonly latencyMs: number;
  readonly usage: Usage | undefined;
  readonly costUsd: number | undefined;
}

/** The result of a backward graph node. @internal */
export type Outcome = StepOutcome | CritiqueOutcome;

const EMPTY: StepOutcome = { type: "step", combined: undefined, toNodes: new Map(), toParameters: [] };

/** Worth propagating: it has actions, or a score below 1. */
function informative(feedback: Value | undefined): feedback is Value<FeedbackPayload> {
  if (!feedback) return false;
  const score = scoreOf(feedback);
  return feedbackActions(feedback).length > 0 || (score !== undefined && score < 1);
}

/** What one backward graph run needs. @internal */
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

/** The node that gathers (and, unless critiqued, routes) one forward node's feedback. @internal */
export function stepNode(
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

/** The node that critiques one variable of an LLM call. @internal */
export function critiqueNode(
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
