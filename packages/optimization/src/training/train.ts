import { mkdir, rename, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { type EventBus, type Module, systemClock } from "@weft/core";
import { type ExecutionSettings, withSettings } from "@weft/execution";
import { backward } from "../backward/backward.js";
import type { Propagation } from "../backward/propagation.js";
import type { OptimizationEvent } from "../events/optimization-events.js";
import type { Feedback } from "../feedback/feedback.js";
import type { Loss } from "../losses/loss.js";
import { alwaysCommit, type CommitPolicy, commitIfNotWorse } from "../optimizers/commit-policy.js";
import type { Optimizer } from "../optimizers/optimizer.js";
import type { StepResult } from "../optimizers/step-result.js";
import { recordBatch } from "../tape/record-run.js";
import { releaseRecord } from "../tape/tape-registry.js";
import { budgetErrorOf, isBudgetStop } from "./budget-stop.js";
import { defaultMetric, type Example, evaluateSet, type Metric } from "./evaluate-set.js";
import { seededShuffle } from "./seeded-shuffle.js";

/** Options of {@link train}: execution settings for every run and call of the training, plus the loop's own. */
export interface TrainOptions extends Omit<ExecutionSettings, "events" | "record"> {
  /** The program to optimize. Required. */
  readonly module: Module;
  /** Turns each output into feedback. Required. */
  readonly loss: Loss;
  /** Owns the parameters being learned. Required. */
  readonly optimizer: Optimizer;
  readonly trainSet: readonly Example[];
  /** Scores candidate steps and the result. Default: none (then every step commits). */
  readonly validationSet?: readonly Example[];
  /** Passes over the training set. Default: 1. */
  readonly epochs?: number;
  /** Examples per step. Default: 4. */
  readonly batchSize?: number;
  /** Shuffles the training set each epoch with `seed + epoch`. Default: no shuffling. */
  readonly shuffleSeed?: number;
  /** How feedback travels. Default: the optimizer's `propagation`, else routing. */
  readonly propagation?: Propagation;
  /** Default: the feedback's score, else 1 without improvements and 0 with them. */
  readonly metric?: Metric;
  /** `"validation"`: a step stays only when the validation score does not drop. Default: `"validation"` with a validation set, else `"always"`. */
  readonly commit?: "always" | "validation";
  /** How much the validation score may drop and still commit. Default: 0. */
  readonly tolerance?: number;
  /** Stop after this many steps without a validation improvement. Default: never. */
  readonly patience?: number;
  /** A JSON file the module's `stateDict()` is written to after each committed step. Default: none. */
  readonly checkpointPath?: string;
  /** Called with the `stateDict()` after each committed step. Default: none. */
  readonly onCheckpoint?: (state: Record<string, unknown>, step: StepResult) => void | Promise<void>;
  /** Progress events (the optimizer's own go to its bus). Default: none. */
  readonly events?: EventBus<OptimizationEvent>;
  readonly signal?: AbortSignal;
}

/** What {@link train} did. */
export interface TrainResult {
  readonly steps: readonly StepResult[];
  /** Validation score before the first step (with a validation set). */
  readonly initialScore?: number;
  /** Validation score of the final, committed parameters (with a validation set). */
  readonly finalScore?: number;
  /** Every validation score measured, in order. */
  readonly validationScores: readonly number[];
  readonly stoppedBy: "completed" | "early_stopping" | "budget";
  /** The module's `stateDict()` at the end. */
  readonly state: Record<string, unknown>;
}

async function writeJson(path: string, data: unknown): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.tmp`;
  await writeFile(temporary, `${JSON.stringify(data, null, 2)}\n`);
  await rename(temporary, path);
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((sum, v) => sum + v, 0) / values.length;
}

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
  training: for (let epoch = 0; epoch < epochs && stoppedBy === "completed"; epoch++) {
    const order = shuffleSeed === undefined ? [...trainSet] : seededShuffle(trainSet, shuffleSeed + epoch);
    for (let start = 0; start < order.length; start += batchSize) {
      const batch = order.slice(start, start + batchSize);
      let tapes: (string | undefined)[] = [];
      try {
        optimizer.zeroFeedback();
        module.train();
        const items = await recordBatch(module, batch.map((e) => e.input) as never[], {
          ...settings,
          ...(signal ? { signal } : {}),
        });
        tapes = items.map((item) => item.tapeId);
        const refused = budgetErrorOf(items);
        if (refused !== undefined) throw refused;
        const feedbacks = await Promise.all(
          items.map((item, index) =>
            item.result
              ? loss.evaluate(item.result, {
                  ...settings,
                  target: batch[index]?.target,
                  context: batch[index]?.context,
                })
              : undefined,
          ),
        );
        const scored = feedbacks.filter((f): f is Feedback => f !== undefined);
        const trainScore = mean(scored.map(metric));
        const propagatable = scored.filter((f) => f.tapeIds.length > 0);
        if (propagatable.length === 0) continue;
        await backward(propagatable, {
          ...settings,
          optimizer,
          ...(propagation ? { propagation } : {}),
          ...(signal ? { signal } : {}),
        });
        const step = await optimizer.step({ commit: policy, ...(signal ? { signal } : {}) });
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
          if (checkpointPath) await writeJson(checkpointPath, state);
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
      } catch (error) {
        if (!isBudgetStop(error)) throw error;
        stoppedBy = "budget";
        break training;
      } finally {
        for (const tapeId of tapes) if (tapeId) releaseRecord(tapeId);
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
