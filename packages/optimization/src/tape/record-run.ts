import type { BoundOutput, Module } from "@weft/core";
import {
  type BatchItem,
  type BatchOptions,
  type RunInput,
  type RunOptions,
  type RunResult,
  run,
  runBatch,
} from "@weft/execution";
import { isGradEnabled } from "./no-grad.js";
import { attachTape, registerRecord } from "./tape-registry.js";

/** A run result whose `values` carry the run's tape id (when it recorded one). */
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
 * Registers a run's forward record (present when it ran in record mode) and returns the result with every
 * output Value carrying the tape id in `meta.tapeIds`, so a loss on those Values can be `backward()`-ed.
 * A result without a record, or one attached inside `noGrad`, is returned with `tapeId: undefined`.
 */
export function attachRecord<T>(result: RunResult<T>): RecordedRun<T> {
  if (!result.record || !isGradEnabled()) return { ...result, tapeId: undefined };
  const tapeId = registerRecord(result.record);
  return { ...result, values: attachTape(result.values, tapeId), tapeId };
}

function recordSetting(options: { readonly record?: boolean }): { record?: boolean } {
  if (!isGradEnabled()) return { record: false };
  return options.record === undefined ? {} : { record: options.record };
}

/**
 * `run()` in training mode: runs `module` on `input` and, when it recorded a tape (the module is in
 * training mode, `module.train()`, or `options.record` is true), registers it and tags the output Values
 * with its tape id (see {@link attachRecord}). Inside `noGrad` nothing is recorded.
 *
 * @example
 * ```ts
 * model.train();
 * const out = await recordRun(model, "question", { resources });
 * const feedback = await loss.evaluate(out, { target: "answer" });
 * await feedback.backward();
 * ```
 */
export async function recordRun<M extends Module>(
  module: M,
  input: RunInput<M>,
  options: RunOptions = {},
): Promise<RecordedRun<BoundOutput<M>>> {
  return attachRecord(await run(module, input, { ...options, ...recordSetting(options) }));
}

/**
 * `runBatch()` in training mode: one tape per item, each item's output Values tagged with its own tape id.
 * Items are in input order.
 */
export async function recordBatch<M extends Module>(
  module: M,
  inputs: Iterable<RunInput<M>> | AsyncIterable<RunInput<M>>,
  options: BatchOptions = {},
): Promise<RecordedItem<BoundOutput<M>>[]> {
  const items = await runBatch(module, inputs, { ...options, ...recordSetting(options) });
  return items.map((item) => {
    const result = item.result ? attachRecord(item.result) : undefined;
    return { ...item, result, values: result?.values, tapeId: result?.tapeId };
  });
}
