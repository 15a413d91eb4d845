import { releaseTape } from "@weft/execution";
import { backward } from "../backward/backward.js";
import { routing, textualGradients } from "../backward/propagation.js";
import { Feedback } from "../feedback/feedback.js";
import { commitIfNotWorse } from "../optimizers/commit-policy.js";
import { SFAOptimizer } from "../optimizers/sfa-optimizer.js";
import type { HistoryEntry } from "../optimizers/step-result.js";
import { createSimulation, type Simulation } from "../simulation/create-simulation.js";
import { type RecordedItem, recordBatch } from "../tape/record-run.js";
import { evaluateSet } from "../training/evaluate-set.js";
import { seededShuffle } from "../training/seeded-shuffle.js";

/** The full loop and its ablations. */
export type Variant =
  | "full"
  | "noBackward"
  | "noCritique"
  | "shuffled"
  | "chainCut"
  | "randomEdits"
  | "outOfOrder";

/** What one run of an experiment measured. */
export interface ExperimentResult {
  readonly variant: Variant;
  readonly seed: number;
  /** Held-out accuracy before and after training. */
  readonly before: number;
  readonly after: number;
  readonly committedSteps: number;
  /** Every proposed change, committed or reverted (`optimizer.history`). */
  readonly history: readonly HistoryEntry[];
  readonly prompts: Record<string, unknown>;
  readonly simulation: Simulation;
}

/** Another sample's feedback for each sample (a rotation of a seeded shuffle: nobody keeps their own). */
function shuffleFeedback(feedbacks: readonly Feedback[], seed: number): Feedback[] {
  const order = seededShuffle(
    feedbacks.map((_, index) => index),
    seed,
  );
  return feedbacks.map((feedback, index) => {
    const position = order.indexOf(index);
    const other = feedbacks[order[(position + 1) % order.length] as number] as Feedback;
    return Feedback.from(
      new Feedback(other.payload, other.score === undefined ? {} : { score: other.score }),
      {
        tapeIds: feedback.tapeIds,
      },
    );
  });
}

/** No backward pass: the optimizer keeps the records (it needs them to order its step) but gets no feedback. */
function recordsOnly(optimizer: SFAOptimizer, items: readonly RecordedItem[]): void {
  for (const item of items) {
    if (item.result?.record) optimizer.captureRecord(item.result.record);
    if (item.tapeId) releaseTape(item.tapeId);
  }
}

/**
 * Trains the simulation's pipeline with SFA and textual gradients, committing a step only when the validation
 * accuracy does not drop, and measures held-out accuracy before and after. Each ablation removes one
 * mechanism, with the same models, data, step budget and commit policy: no backward pass at all; no critique
 * (routing: the raw loss feedback reaches every prompt); feedback shuffled between samples; the chain cut
 * between the stages (the second reads the first's output through `detach`); an updater making random edits
 * from the instruction catalogue; or updates applied without the topological order (the second stage's
 * updater never sees the first stage's change).
 */
export async function runExperiment(
  variant: Variant,
  seed: number,
  options: { readonly epochs?: number; readonly batchSize?: number } = {},
): Promise<ExperimentResult> {
  const simulation = createSimulation({
    seed,
    updater: { mode: variant === "randomEdits" ? "random" : "fixes", seed },
  });
  const settings = { resources: simulation.resources };
  const model = simulation.createPipeline({ detached: variant === "chainCut" });
  const before = await evaluateSet(model, simulation.loss, simulation.test, settings);
  const optimizer = new SFAOptimizer(model.parameters(), {
    ...settings,
    ordered: variant !== "outOfOrder",
    propagation: variant === "noCritique" ? routing() : textualGradients(),
  });
  const policy = commitIfNotWorse({
    evaluate: () => evaluateSet(model, simulation.loss, simulation.validation, settings),
  });
  let committedSteps = 0;
  const batchSize = options.batchSize ?? 8;
  for (let epoch = 0; epoch < (options.epochs ?? 2); epoch++) {
    const order = seededShuffle(simulation.train, seed * 100 + epoch);
    for (let start = 0; start < order.length; start += batchSize) {
      const batch = order.slice(start, start + batchSize);
      optimizer.zeroFeedback();
      model.train();
      const items = await recordBatch(
        model,
        batch.map((example) => example.input as string),
        settings,
      );
      if (variant === "noBackward") {
        recordsOnly(optimizer, items);
      } else {
        let feedbacks = await Promise.all(
          items.map((item, index) => simulation.loss.evaluate(item, { target: batch[index]?.target })),
        );
        if (variant === "shuffled") feedbacks = shuffleFeedback(feedbacks, seed + start);
        await backward(feedbacks, { ...settings, optimizer });
      }
      const step = await optimizer.step({ commit: policy });
      if (step.committed && step.updates.size > 0) committedSteps++;
    }
  }
  const after = await evaluateSet(model, simulation.loss, simulation.test, settings);
  const prompts = model.stateDict();
  return { variant, seed, before, after, committedSteps, history: optimizer.history, prompts, simulation };
}
