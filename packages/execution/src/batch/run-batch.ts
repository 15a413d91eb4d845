import type { BoundOutput, Module } from "@weft/core";
import { RunFailedError } from "../errors/run-failed-error.js";
import type { RunInput } from "../run/run-input.js";
import type { BatchItem } from "./batch-item.js";
import { runStream, type StreamOptions } from "./run-stream.js";

/** Options of {@link runBatch}. */
export interface BatchOptions extends Omit<StreamOptions, "preserveOrder" | "maxInFlight"> {
  /** Most items held at once. Default: all of an array's items; 1,024 for other iterables. */
  readonly maxInFlight?: number;
}

/**
 * Runs `module` on every input with one runtime (one resource manager, one scheduler, one concurrency cap, so
 * per-alias limits hold across the batch and calls of different items interleave) and resolves with one
 * {@link BatchItem} per input, in input order. An empty input gives `[]`. With `strict`, rejects with the first
 * failed item's `RunFailedError` (or the error that kept it from running) once all items are done.
 * In training mode each item's `result` carries its own tape (`tapeId`, and `values` tagged with it).
 *
 * @example
 * ```ts
 * const items = await runBatch(classifier, texts, { resources: manager, maxConcurrency: 50 });
 * const labels = items.map((item) => item.output);
 * ```
 */
export async function runBatch<M extends Module>(
  module: M,
  inputs: AsyncIterable<RunInput<M>> | Iterable<RunInput<M>>,
  options: BatchOptions = {},
): Promise<BatchItem<BoundOutput<M>>[]> {
  const maxInFlight = options.maxInFlight ?? (Array.isArray(inputs) ? Math.max(1, inputs.length) : 1_024);
  const items: BatchItem<BoundOutput<M>>[] = [];
  for await (const item of runStream(module, inputs, { ...options, maxInFlight, preserveOrder: true })) {
    items.push(item);
  }
  if (options.strict) {
    const failed = items.find((item) => !item.ok);
    if (failed)
      throw failed.result && failed.result.errors.length > 0
        ? new RunFailedError(failed.result.errors)
        : failed.error;
  }
  return items;
}
