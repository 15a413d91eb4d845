import type { Usage } from "@weft/provider";

/** One critique call of textual-gradient propagation. */
export interface CritiqueReport {
  /** The backward node: `r<record>:<forward node>#<target>`. */
  readonly nodeId: string;
  /** The critiqued LLM node of the forward graph. */
  readonly forwardNodeId: string;
  readonly modulePath: string;
  /** `param:<name>` or `node:<id>`. */
  readonly target: string;
  /** The improvements it wrote (empty: the variable needs no change). */
  readonly items: readonly string[];
  /** The provider call's service time (ms), as the resource manager measured it. */
  readonly latencyMs: number;
  /** From the critique's start to its end on the backward's clock (ms), waits included. */
  readonly durationMs: number;
}

/** What a backward pass did. */
export interface BackwardReport {
  /** Records (tapes) propagated. */
  readonly records: number;
  /** Backward steps that ran (gathers and critiques). */
  readonly steps: number;
  readonly critiques: readonly CritiqueReport[];
  /** Feedback added to each parameter by this pass, by parameter name (hierarchical name or id). */
  readonly parameterFeedback: ReadonlyMap<string, readonly string[]>;
  readonly usage: Usage;
  /** USD over critique calls with a known cost. */
  readonly costUsd: number;
  /** Provider calls made (critiques, and `reason()` calls of custom backwards are not counted). */
  readonly calls: number;
  /** Wall time of the pass on its clock (ms). */
  readonly durationMs: number;
}
