/** One parameter's change in a step. */
export interface ParameterUpdate {
  /** The parameter's key (hierarchical name). */
  readonly key: string;
  readonly previous: unknown;
  readonly next: unknown;
  /** The feedback items the update was written from (after bounding; empty for a consistency update). */
  readonly feedback: readonly string[];
  /** True when it had no feedback and was revised only to stay consistent with upstream updates. */
  readonly consistency: boolean;
  /** Its level in the update order (0 first). */
  readonly level: number;
}

/** A parameter the step could not update (its value was kept). */
export interface KeptParameter {
  readonly key: string;
  readonly reason: "parse_failed" | "unchanged";
  readonly reply?: string;
}

/** What `optimizer.step()` did. */
export interface StepResult {
  /** 1 for the first step of the optimizer. */
  readonly step: number;
  /** Proposed changes by parameter key, in update order; applied when `committed`, reverted otherwise. */
  readonly updates: ReadonlyMap<string, ParameterUpdate>;
  readonly kept: readonly KeptParameter[];
  readonly committed: boolean;
  /** From the commit policy, when it measured one. */
  readonly score?: number;
  readonly previousScore?: number;
  /** The update order: parameter keys per level. */
  readonly levels: readonly (readonly string[])[];
}

/** One entry of a parameter's history: a value, the feedback it got, what it became, and how that scored. */
export interface HistoryEntry {
  readonly step: number;
  readonly key: string;
  /** The value the feedback was about. */
  readonly value: unknown;
  readonly feedback: readonly string[];
  /** The value the step proposed. */
  readonly next: unknown;
  readonly committed: boolean;
  readonly score?: number;
}
