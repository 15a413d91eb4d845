import type { EventBus, Module } from "@weft/core";
import type { ExecutionSettings } from "@weft/execution";
import type { Propagation } from "../backward/propagation.js";
import type { OptimizationEvent } from "../events/optimization-events.js";
import type { Loss } from "../losses/loss.js";
import type { Optimizer } from "../optimizers/optimizer.js";
import type { StepResult } from "../optimizers/step-result.js";
import type { Example, Metric } from "./evaluate-set.js";

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
