import type { RunResult } from "../run/run-result.js";

/**
 * The result of one item of a batch or stream (plait's BatchResult): its index and input, its output (in the
 * shape `forward()` returned) or the error that stopped it, and the full run result when it ran in this
 * process.
 */
export interface BatchItem<T = unknown> {
  readonly index: number;
  readonly input: unknown;
  /** The output; `undefined` when the item could not run at all (`error` says why). */
  readonly output: T | undefined;
  /**
   * `undefined` when every node succeeded; otherwise the first failed node's error, the budget error that
   * stopped its LLM nodes (status `stopped`), or what made the item unable to run (an exception while tracing,
   * an abort).
   */
  readonly error: unknown;
  /** `error === undefined`. */
  readonly ok: boolean;
  /** The run result; `undefined` for an item that could not run or was read back from a checkpoint log. */
  readonly result: RunResult<T> | undefined;
  /** True when the item finished in an earlier, checkpointed run and was not run again. */
  readonly resumed: boolean;
}

/** A batch item from a finished run. */
export function itemFromResult<T>(index: number, input: unknown, result: RunResult<T>): BatchItem<T> {
  const error =
    result.errors[0]?.error ??
    (result.status === "stopped" ? result.stopReason : undefined) ??
    (result.status === "cancelled" ? new Error(`item ${index} was cancelled`) : undefined);
  return { index, input, output: result.output, error, ok: error === undefined, result, resumed: false };
}

/** A batch item that could not run. */
export function itemFromError<T>(index: number, input: unknown, error: unknown): BatchItem<T> {
  return { index, input, output: undefined, error, ok: false, result: undefined, resumed: false };
}
