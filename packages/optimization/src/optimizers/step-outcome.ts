import { OptimizationError } from "@weft/core";
import type { ForwardRecord } from "@weft/execution";
import type { OptimizationEvent } from "../events/optimization-events.js";
import type { CommitDecision } from "./commit-policy.js";
import type { HistoryEntry, StepResult } from "./step-result.js";
import type { LevelResult } from "./update-levels.js";

/** Throws OptimizationError when a step cannot run: no resources, or no records captured. @internal */
export function assertStepReady(resources: unknown, records: readonly ForwardRecord[]): void {
  if (resources === undefined) {
    throw new OptimizationError("Optimizer not bound: pass { resources } or call optimizer.bind(resources)");
  }
  if (records.length === 0) {
    throw new OptimizationError(
      "No forward records captured. Run the module in training mode (module.train(), run), compute the " +
        "loss, call backward() with this optimizer active, then step()",
    );
  }
}

const scoresOf = (decision: CommitDecision) => ({
  ...(decision.score === undefined ? {} : { score: decision.score }),
  ...(decision.previousScore === undefined ? {} : { previousScore: decision.previousScore }),
});

/**
 * What a finished step leaves behind: one history entry per proposed change (committed or not), the
 * `optimizer.step.finished` event and the step's result, all from the level result and the policy's decision.
 * @internal
 */
export function stepOutcome(
  step: number,
  result: LevelResult,
  decision: CommitDecision,
  levels: readonly (readonly string[])[],
  time: number,
): { history: HistoryEntry[]; event: OptimizationEvent; result: StepResult } {
  const history = [...result.updates.values()].map((update) => ({
    step,
    key: update.key,
    value: update.previous,
    feedback: update.feedback,
    next: update.next,
    committed: decision.commit,
    ...(decision.score === undefined ? {} : { score: decision.score }),
  }));
  const event: OptimizationEvent = {
    type: "optimizer.step.finished",
    time,
    step,
    committed: decision.commit,
    updated: [...result.updates.keys()],
    ...scoresOf(decision),
  };
  const stepResult: StepResult = {
    step,
    updates: result.updates,
    kept: result.kept,
    committed: decision.commit,
    ...scoresOf(decision),
    levels,
  };
  return { history, event, result: stepResult };
}
