import type { WeftEvent } from "@weft/core";

/** An optimizer step began: which parameters have feedback, and the update order. */
export interface StepStartedEvent extends WeftEvent<"optimizer.step.started"> {
  readonly step: number;
  readonly withFeedback: readonly string[];
  readonly levels: readonly (readonly string[])[];
}

/** A parameter got a new value (applied at once; a revert is reported by `optimizer.step.finished`). */
export interface ParameterUpdatedEvent extends WeftEvent<"optimizer.parameter.updated"> {
  readonly step: number;
  readonly parameter: string;
  readonly level: number;
  readonly previous: unknown;
  readonly next: unknown;
  /** Feedback items the update was written from (after bounding). */
  readonly feedbackItems: number;
  /** True when it had no feedback and was revised only to stay consistent with upstream updates. */
  readonly consistency: boolean;
}

/** A parameter kept its value: the updater's reply could not be used (parse failure) or changed nothing. */
export interface ParameterKeptEvent extends WeftEvent<"optimizer.parameter.kept"> {
  readonly step: number;
  readonly parameter: string;
  readonly reason: "parse_failed" | "unchanged";
  /** The updater's last reply, for a parse failure. */
  readonly reply?: string;
}

/** A step ended: committed or reverted by its commit policy. */
export interface StepFinishedEvent extends WeftEvent<"optimizer.step.finished"> {
  readonly step: number;
  readonly committed: boolean;
  readonly updated: readonly string[];
  readonly score?: number;
  readonly previousScore?: number;
}

/** A training run started. */
export interface TrainingStartedEvent extends WeftEvent<"training.started"> {
  readonly epochs: number;
  readonly batches: number;
  /** The validation score before any step, when there is a validation set. */
  readonly score?: number;
}

/** One batch of a training run was done (forward, loss, backward, step). */
export interface TrainingBatchEvent extends WeftEvent<"training.batch"> {
  readonly epoch: number;
  readonly batch: number;
  readonly step: number;
  /** Mean metric of the batch's outputs before the step. */
  readonly trainScore: number;
  readonly committed: boolean;
  readonly score?: number;
}

/** The parameters were saved after a committed step. */
export interface TrainingCheckpointEvent extends WeftEvent<"training.checkpoint"> {
  readonly step: number;
  readonly path?: string;
}

/** A training run ended. */
export interface TrainingFinishedEvent extends WeftEvent<"training.finished"> {
  readonly steps: number;
  readonly stoppedBy: "completed" | "early_stopping" | "budget";
  readonly score?: number;
}

/** Every event of optimizers and the training loop. */
export type OptimizationEvent =
  | StepStartedEvent
  | ParameterUpdatedEvent
  | ParameterKeptEvent
  | StepFinishedEvent
  | TrainingStartedEvent
  | TrainingBatchEvent
  | TrainingCheckpointEvent
  | TrainingFinishedEvent;

/** The `type` of an {@link OptimizationEvent}. */
export type OptimizationEventType = OptimizationEvent["type"];
