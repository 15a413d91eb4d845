import type { BoundOutput, Module } from "@weft/core";
import {
  attachRecord as attachTapeOf,
  type BatchItem,
  type BatchOptions,
  type RunInput,
  type RunOptions,
  type RunResult,
  run,
  runBatch,
} from "@weft/execution";

/** A run result with its tape id spelled out (`undefined` when nothing was recorded). */
export interface RecordedRun<T = unknown> extends RunResult<T> {
  /** The registered tape of this run; `undefined` when nothing was recorded (eval mode, `noGrad`). */
  readonly tapeId: string | undefined;
}

/** A batch item whose result's `values` carry the item's tape id. */
export interface RecordedItem<T = unknown> extends BatchItem<T> {
  readonly result: RecordedRun<T> | undefined;
  /** `result.values` (with the tape id), or `undefined` for an item that could not run. */
  readonly values: unknown;
  readonly tapeId: string | undefined;
}

/**
 * Registers a run's forward record (when it has one and is not registered yet) and returns the result with
 * every output Value carrying the tape id; see `attachRecord` in `@weft/execution`. Inside `noGrad`, or for a
 * result without a record, `tapeId` is `undefined`.
 */
export function attachRecord<T>(result: RunResult<T>): RecordedRun<T> {
  const attached = attachTapeOf(result);
  return { ...attached, tapeId: attached.tapeId };
}

/**
 * `run()` with the tape id spelled out. Plain `run()` in training mode already returns outputs tagged with
 * their tape, so this only adds `tapeId: undefined` when nothing was recorded.
 * @deprecated Use `run()` from `@weft/execution`: in training mode its `values` carry the tape.
 */
export async function recordRun<M extends Module>(
  module: M,
  input: RunInput<M>,
  options: RunOptions = {},
): Promise<RecordedRun<BoundOutput<M>>> {
  const result = await run(module, input, options);
  return { ...result, tapeId: result.tapeId };
}

/**
 * `runBatch()` with each item's `values` and `tapeId` on the item. Plain `runBatch()` in training mode
 * already tags each item's `result.values` with its own tape.
 * @deprecated Use `runBatch()` from `@weft/execution` (and `item.result.values`, or pass the item to `loss.evaluate`).
 */
export async function recordBatch<M extends Module>(
  module: M,
  inputs: Iterable<RunInput<M>> | AsyncIterable<RunInput<M>>,
  options: BatchOptions = {},
): Promise<RecordedItem<BoundOutput<M>>[]> {
  const items = await runBatch(module, inputs, options);
  return items.map((item) => {
    const result = item.result ? { ...item.result, tapeId: item.result.tapeId } : undefined;
    return { ...item, result, values: result?.values, tapeId: result?.tapeId };
  });
}
