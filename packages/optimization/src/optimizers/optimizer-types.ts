import type { EventBus, Parameter } from "@weft/core";
import type { ExecutionSettings, Runtime } from "@weft/execution";
import type { Propagation } from "../backward/propagation.js";
import type { OptimizationEvent } from "../events/optimization-events.js";
import type { BoundedFeedback, FeedbackBudget } from "../feedback/bound-feedback.js";
import type { CommitPolicy } from "./commit-policy.js";

/** Options every optimizer takes: execution settings for its model calls, plus ordering and feedback bounds. */
export interface OptimizerOptions extends Omit<ExecutionSettings, "events"> {
  /** The propagation `backward()` uses while this optimizer is active. Default: `routing()`. */
  readonly propagation?: Propagation;
  /** Bounds on the feedback of one parameter in one prompt. Default: see `FeedbackBudget`. */
  readonly feedbackBudget?: FeedbackBudget;
  /**
   * Update level by level in the topological order of the captured graphs, showing each updater the changes
   * already made upstream in this step. `false` updates every parameter at once from its own feedback, unaware
   * of the others (TextGrad's step, kept for comparison). Default: true.
   */
  readonly ordered?: boolean;
  /**
   * Also revise a parameter that got no feedback when a parameter upstream of it changed in this step, so the
   * two stay consistent (only when `ordered`). Default: true.
   */
  readonly consistencyUpdates?: boolean;
  /** Where step events go. Default: none. */
  readonly events?: EventBus<OptimizationEvent>;
}

/** Options of `step()`. */
export interface StepOptions {
  /** Decides whether the step stays. Default: `alwaysCommit()`. */
  readonly commit?: CommitPolicy;
  readonly signal?: AbortSignal;
}

/** A change made upstream earlier in the same step, shown to downstream updaters. */
export interface UpstreamChange {
  readonly key: string;
  readonly description: string | null;
  readonly previous: unknown;
  readonly next: unknown;
}

/** What a subclass is asked for one parameter. */
export interface UpdateRequest {
  readonly parameter: Parameter;
  readonly key: string;
  readonly step: number;
  /** Feedback items after bounding; empty for a consistency update. */
  readonly feedback: BoundedFeedback;
  /** Upstream parameters already changed in this step (empty when not `ordered`). */
  readonly upstream: readonly UpstreamChange[];
  readonly runtime: Runtime;
  readonly signal: AbortSignal | undefined;
}

/** A subclass's answer: a new value, or the reason the old one is kept. */
export type UpdateOutcome =
  | { readonly value: unknown }
  | { readonly kept: "parse_failed" | "unchanged"; readonly reply?: string };
