import type { ParameterUpdate } from "./step-result.js";

/** What a commit policy decides about a step. */
export interface CommitDecision {
  readonly commit: boolean;
  /** The validation score with the step's values, when the policy measured one. */
  readonly score?: number;
  /** The score it was compared with. */
  readonly previousScore?: number;
}

/**
 * Decides whether an optimizer step stays (peers' lesson: accept or reject on validation is what keeps text
 * optimizers stable). `step()` applies its proposal, asks `decide`, and reverts when it says no.
 */
export interface CommitPolicy {
  /** Called before the step changes anything (a validation policy measures its baseline here). */
  prepare?(): Promise<void>;
  decide(updates: ReadonlyMap<string, ParameterUpdate>): Promise<CommitDecision>;
}

/** Keeps every step (plait's behaviour). */
export function alwaysCommit(): CommitPolicy {
  return { decide: async () => ({ commit: true }) };
}

/** Options of {@link commitIfNotWorse}. */
export interface ValidationCommitOptions {
  /** The validation score of the module as it is now (run it on the runtime, in eval mode). Required. */
  readonly evaluate: () => Promise<number>;
  /** How much lower a score may be and still commit. Default: 0. */
  readonly tolerance?: number;
  /** The current score, when already known (saves the first evaluation). Default: measured on first use. */
  readonly baseline?: number;
}

/** A policy that commits a step only when the validation score does not drop; it remembers the score. */
export interface ValidationCommit extends CommitPolicy {
  /** The score of the committed values, `undefined` before the first measurement. */
  readonly score: number | undefined;
  /** Every score measured, in order (the baseline first). */
  readonly scores: readonly number[];
}

/**
 * Commits a step only when `evaluate()` with the new values is at least the current score minus `tolerance`;
 * otherwise the step is reverted. A step that changed nothing is committed without evaluating.
 */
export function commitIfNotWorse(options: ValidationCommitOptions): ValidationCommit {
  const tolerance = options.tolerance ?? 0;
  let current = options.baseline;
  const scores: number[] = current === undefined ? [] : [current];
  const measure = async () => {
    const score = await options.evaluate();
    scores.push(score);
    return score;
  };
  return {
    get score() {
      return current;
    },
    get scores() {
      return scores;
    },
    async prepare() {
      if (current === undefined) current = await measure();
    },
    async decide(updates) {
      if (current === undefined) current = await measure();
      if (updates.size === 0) return { commit: true, score: current, previousScore: current };
      const previousScore = current;
      const score = await measure();
      if (score >= previousScore - tolerance) {
        current = score;
        return { commit: true, score, previousScore };
      }
      return { commit: false, score, previousScore };
    },
  };
}
