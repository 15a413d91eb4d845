import type { Clock, EventBus, Parameter } from "@weft/core";
import type { Runtime } from "@weft/execution";
import type { OptimizationEvent } from "../events/optimization-events.js";
import {
  type Aggregate,
  type BoundedFeedback,
  boundFeedback,
  type FeedbackBudget,
} from "../feedback/bound-feedback.js";
import type { UpdateOutcome, UpdateRequest } from "./optimizer-types.js";
import { sameValue } from "./parameter-text.js";
import type { KeptParameter, ParameterUpdate } from "./step-result.js";

/** What one step's level-by-level update needs from its optimizer. @internal */
export interface LevelUpdate {
  readonly step: number;
  readonly levels: readonly (readonly Parameter[])[];
  /** Transitive upstream parameters of each parameter. */
  readonly upstream: ReadonlyMap<Parameter, ReadonlySet<Parameter>>;
  readonly ordered: boolean;
  readonly consistencyUpdates: boolean;
  readonly feedbackBudget: FeedbackBudget;
  /** Values at the start of the step (the "previous values" shown downstream). */
  readonly snapshot: ReadonlyMap<Parameter, unknown>;
  readonly runtime: Runtime;
  readonly signal: AbortSignal | undefined;
  readonly clock: Clock;
  readonly events: EventBus<OptimizationEvent> | undefined;
  keyOf(parameter: Parameter): string;
  aggregatorFor(parameter: Parameter): Aggregate | undefined;
  propose(request: UpdateRequest): Promise<UpdateOutcome>;
}

/** What a step changed. @internal */
export interface LevelResult {
  readonly updates: Map<string, ParameterUpdate>;
  readonly kept: KeptParameter[];
  /** Parameters whose value changed (to restore on a revert). */
  readonly changed: Set<Parameter>;
}

interface Job {
  readonly parameter: Parameter;
  readonly items: readonly string[];
  readonly upstream: readonly Parameter[];
}

/**
 * Updates the parameters level by level (plait-spec 9.8, steps 6 and 7): within a level, every learnable
 * parameter with feedback (or, with consistency updates, whose upstream changed in this step) is proposed in
 * parallel from its bounded feedback and the upstream changes so far; the proposals are applied after the
 * level, in level order. A parameter whose proposal is unusable or unchanged keeps its value (its feedback is
 * consumed). Throws what a proposal throws, with the parameters changed so far in `changed`. @internal
 */
export async function updateLevels(task: LevelUpdate, result: LevelResult): Promise<void> {
  const { step, clock, events } = task;
  for (const [level, members] of task.levels.entries()) {
    const jobs: Job[] = members.flatMap((parameter) => {
      if (!parameter.requiresGrad) return [];
      const items = parameter.getAccumulatedFeedback();
      const upstream = task.ordered
        ? [...(task.upstream.get(parameter) ?? [])].filter((u) => result.changed.has(u))
        : [];
      if (items.length === 0 && !(task.consistencyUpdates && upstream.length > 0)) return [];
      return [{ parameter, items, upstream }];
    });
    const outcomes = await Promise.all(jobs.map((job) => propose(task, job)));
    for (const { parameter, feedback, outcome, consistency } of outcomes) {
      const key = task.keyOf(parameter);
      if ("value" in outcome && !sameValue(outcome.value, parameter.value)) {
        const previous = parameter.value;
        parameter.applyUpdate(outcome.value);
        result.changed.add(parameter);
        result.updates.set(key, {
          key,
          previous,
          next: outcome.value,
          feedback: feedback.items,
          consistency,
          level,
        });
        events?.emit({
          type: "optimizer.parameter.updated",
          time: clock.now(),
          step,
          parameter: key,
          level,
          previous,
          next: outcome.value,
          feedbackItems: feedback.items.length,
          consistency,
        });
      } else {
        parameter.zeroFeedback();
        const reason = "kept" in outcome ? outcome.kept : "unchanged";
        const reply = "kept" in outcome ? outcome.reply : undefined;
        result.kept.push({ key, reason, ...(reply === undefined ? {} : { reply }) });
        events?.emit({
          type: "optimizer.parameter.kept",
          time: clock.now(),
          step,
          parameter: key,
          reason,
          ...(reply === undefined ? {} : { reply }),
        });
      }
    }
  }
}

async function propose(
  task: LevelUpdate,
  job: Job,
): Promise<{
  parameter: Parameter;
  feedback: BoundedFeedback;
  outcome: UpdateOutcome;
  consistency: boolean;
}> {
  const { parameter, items, upstream } = job;
  const feedback = await boundFeedback(items, task.feedbackBudget, task.aggregatorFor(parameter));
  const outcome = await task.propose({
    parameter,
    key: task.keyOf(parameter),
    step: task.step,
    feedback,
    upstream: upstream.map((u) => ({
      key: task.keyOf(u),
      description: u.description,
      previous: task.snapshot.get(u),
      next: u.value,
    })),
    runtime: task.runtime,
    signal: task.signal,
  });
  return { parameter, feedback, outcome, consistency: items.length === 0 };
}
