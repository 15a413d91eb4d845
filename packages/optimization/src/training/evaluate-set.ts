import type { Module } from "@weft/core";
import { type ExecutionSettings, noGrad, runBatch } from "@weft/execution";
import type { Feedback } from "../feedback/feedback.js";
import type { Loss } from "../losses/loss.js";
import { budgetErrorOf } from "./budget-stop.js";

/** One example: the module's input, and the loss's target and context. */
export interface Example {
  /** What `run()` takes for the module (use `args(...)` for several arguments). */
  readonly input: unknown;
  readonly target?: unknown;
  readonly context?: unknown;
}

/** Turns a feedback into a number in [0, 1]; the training loop averages it. */
export type Metric = (feedback: Feedback) => number;

/** The default metric: the feedback's score, else 1 when it has no improvements and 0 when it has. */
export const defaultMetric: Metric = (feedback) => feedback.score ?? (feedback.actions.length === 0 ? 1 : 0);

/** Options of {@link evaluateSet}. */
export interface EvaluateSetOptions extends Omit<ExecutionSettings, "events" | "record"> {
  /** Default: {@link defaultMetric}. */
  readonly metric?: Metric;
  readonly signal?: AbortSignal;
}

/**
 * The mean metric of `module` over `examples`: runs it in eval mode and without tapes (`noGrad`), as one
 * batch on the runtime, and scores each output with `loss`. An item that failed scores 0, except that a
 * refused budget reservation rejects (a spent budget is not a bad score). Resolves with 0 for an empty set.
 * The module's training flag is restored afterwards.
 */
export async function evaluateSet(
  module: Module,
  loss: Loss,
  examples: readonly Example[],
  options: EvaluateSetOptions = {},
): Promise<number> {
  if (examples.length === 0) return 0;
  const { metric = defaultMetric, ...settings } = options;
  const wasTraining = module.training;
  module.eval();
  try {
    return await noGrad(async () => {
      const items = await runBatch(module, examples.map((e) => e.input) as never[], {
        ...settings,
        record: false,
      });
      const refused = budgetErrorOf(items);
      if (refused !== undefined) throw refused;
      const scores = await Promise.all(
        items.map(async (item, index) => {
          if (!item.result) return 0;
          const example = examples[index] as Example;
          const feedback = await loss.evaluate(item.result, {
            ...settings,
            target: example.target,
            context: example.context,
          });
          return metric(feedback);
        }),
      );
      return scores.reduce((sum, score) => sum + score, 0) / scores.length;
    });
  } finally {
    module.train(wasTraining);
  }
}
