import { systemClock } from "@weft/core";
import { type ExecutionSettings, withSettings } from "@weft/execution";
import { alwaysCommit, type CommitPolicy, commitIfNotWorse } from "../optimizers/commit-policy.js";
import type { StepResult } from "../optimizers/step-result.js";
import { isBudgetStop } from "./budget-stop.js";
import { defaultMetric, evaluateSet } from "./evaluate-set.js";
import { seededShuffle } from "./seeded-shuffle.js";
import { type BatchTask, trainBatch } from "./train-batch.js";
import type { TrainOptions, TrainResult } from "./train-types.js";
import { writeJsonFile } from "./write-json.js";

/**
 * The canonical training loop (plait-spec 9.9): for each epoch and batch, run the module in training mode on
 * the batch (one runtime), evaluate the loss on every output, propagate all the feedback in one backward
 * pass, and take an optimizer step that the commit policy keeps only when the validation score does not
 * drop. The parameters are saved after each committed step; training stops early after `patience` steps
 * without improvement, and gracefully (`stoppedBy: "budget"`, the committed parameters kept) when the
 * `budget` shared by every call of the run refuses a call. Emits `training.*` events.
 *
 * @example
 * ```ts
 * const result = await train({
 *   module: model, loss, optimizer, trainSet, validationSet,
 *   resources, budget: new BudgetTracker({ maxUsd: 2 }), epochs: 2, batchSize: 8, patience: 3,
 *   checkpointPath: "runs/prompts.json",
 * });
 * console.log(result.initialScore, "->", result.finalScore);
 * ```
 */
export function train(options: TrainOptions): Promise<TrainResult> {
  const {
    module: _m,
    loss: _l,
    optimizer: _o,
    trainSet: _t,
    validationSet: _v,
    events: _e,
    signal: _s,
    ...scope
  } = options;
  // Everything the loop starts (runs, backward, the optimizer's own calls) sees the settings, budget included.
  return withSettings(scope as ExecutionSettings, () => trainLoop(options));
}

async function trainLoop(options: TrainOptions): Promise<TrainResult> {
  const {
    module,
    loss,
    optimizer,
    trainSet,
    validationSet,
    epochs = 1,
    batchSize = 4,
    shuffleSeed,
    propagation,
    metric = defaultMetric,
    commit,
    tolerance,
    patience,
    checkpointPath,
    onCheckpoint,
    events,
    signal,
    ...settings
  } = options;
  if (!(Number.isInteger(batchSize) && batchSize >= 1))
    throw new RangeError(`batchSize must be an integer >= 1, got ${batchSize}`);
  const clock = settings.clock ?? systemClock;
  const validate =
    validationSet && validationSet.length > 0
      ? () => evaluateSet(module, loss, validationSet, { ...settings, metric, ...(signal ? { signal } : {}) })
      : undefined;
  const useValidation = validate !== undefined && (commit ?? "validation") === "validation";
  const validation = validate
    ? commitIfNotWorse({ evaluate: validate, ...(tolerance === undefined ? {} : { tolerance }) })
    : undefined;
  const policy: CommitPolicy = useValidation && validation ? validation : alwaysCommit();
  const batches = Math.ceil(trainSet.length / batchSize);
  const steps: StepResult[] = [];
  let stoppedBy: TrainResult["stoppedBy"] = "completed";
  let initialScore: number | undefined;
  try {
    if (useValidation && validation) {
      await validation.prepare?.();
      initialScore = validation.score;
    } else if (validate) initialScore = await validate();
  } catch (error) {
    if (!isBudgetStop(error)) throw error;
    stoppedBy = "budget";
  }
  events?.emit({
    type: "training.started",
    time: clock.now(),
    epochs,
    batches,
    ...(initialScore === undefined ? {} : { score: initialScore }),
  });
  let best = initialScore ?? Number.NEGATIVE_INFINITY;
  let stale = 0;
  const task: BatchTask = { module, loss, optimizer, settings, propagation, metric, policy, signal };
  training: for (let epoch = 0; epoch < epochs && stoppedBy === "completed"; epoch++) {
    const order = shuffleSeed === undefined ? [...trainSet] : seededShuffle(trainSet, shuffleSeed + epoch);
    for (let start = 0; start < order.length; start += batchSize) {
      let done: Awaited<ReturnType<typeof trainBatch>>;
      try {
        done = await trainBatch(
          order.slice(start, start + batchSize),
          task,
          `train:${epoch}:${start / batchSize}`,
        );
      } catch (error) {
        if (!isBudgetStop(error)) throw error;
        stoppedBy = "budget";
        break training;
      }
      if (!done) continue;
      const { step, trainScore } = done;
      steps.push(step);
      events?.emit({
        type: "training.batch",
        time: clock.now(),
        epoch,
        batch: start / batchSize,
        step: step.step,
        trainScore,
        committed: step.committed,
        ...(step.score === undefined ? {} : { score: step.score }),
      });
      if (step.committed && step.updates.size > 0) {
        const state = module.stateDict();
        if (checkpointPath) await writeJsonFile(checkpointPath, state);
        await onCheckpoint?.(state, step);
        events?.emit({
          type: "training.checkpoint",
          time: clock.now(),
          step: step.step,
          ...(checkpointPath ? { path: checkpointPath } : {}),
        });
      }
      if (step.committed && step.score !== undefined && step.score > best) {
        best = step.score;
        stale = 0;
      } else stale++;
      if (patience !== undefined && stale >= patience) {
        stoppedBy = "early_stopping";
        break training;
      }
    }
  }
  module.eval();
  let finalScore = useValidation ? validation?.score : undefined;
  if (!useValidation && validate && stoppedBy !== "budget") finalScore = await validate();
  events?.emit({
    type: "training.finished",
    time: clock.now(),
    steps: steps.length,
    stoppedBy,
    ...(finalScore === undefined ? {} : { score: finalScore }),
  });
  return {
    steps,
    ...(initialScore === undefined ? {} : { initialScore }),
    ...(finalScore === undefined ? {} : { finalScore }),
    validationScores: useValidation && validation ? [...validation.scores] : [],
    stoppedBy,
    state: module.stateDict(),
  };
}
