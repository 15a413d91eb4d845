import type { WaitKind } from "../model/profile-model.js";

/** Categories of the events weft writes; the trace reader keys on them. */
export const CATEGORY = {
  /** `B`/`E` slices of LLM call attempts on slot threads. */
  attempt: "llm_call",
  /** `b`/`e` async spans of calls on an alias (with nested waits). */
  call: "call",
  /** `B`/`E` slices of executed nodes on compute and graph lanes. */
  node: "node",
  /** The `B`/`E` slice of a whole run. */
  run: "run",
  /** Counters. */
  metrics: "metrics",
  /** Flow events linking the steps of a critical path. */
  criticalPath: "critical_path",
} as const;

/** The name of each wait's async span. */
export const WAIT_NAMES: Readonly<Record<WaitKind, string>> = {
  budget: "budget wait",
  queue: "queue wait",
  rate_limit: "rate-limit wait",
  retry_backoff: "retry backoff",
};

/** The name `generator` in the metadata of files weft writes. */
export const GENERATOR = "@weft/profiling";

/** Milliseconds to trace microseconds, kept to the nanosecond. */
export function toMicros(ms: number): number {
  return Math.round(ms * 1e6) / 1e3;
}
