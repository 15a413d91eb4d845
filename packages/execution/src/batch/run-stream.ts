import type { BoundOutput, Module } from "@weft/core";
import { BatchCheckpointing } from "../checkpoint/batch-checkpointing.js";
import { attachRecord } from "../record/attach-record.js";
import type { RunOptions } from "../run/run.js";
import { argumentsOf, labelOf, type RunInput } from "../run/run-input.js";
import { Runtime } from "../run/runtime.js";
import { bindingLayer } from "../settings/bound-settings.js";
import { currentSettings, resolveSettings } from "../settings/execution-settings.js";
import { type BatchItem, itemFromError, itemFromResult } from "./batch-item.js";

/** Options of {@link runStream}: run options plus the stream's own. */
export interface StreamOptions extends RunOptions {
  /**
   * Most items held at once: pulled from the input and not yet handed to the consumer (running, or finished
   * and waiting). Input is pulled only while fewer are held, so memory grows with this, not with the input.
   * Default: 32.
   */
  readonly maxInFlight?: number;
  /** Yield in input order instead of completion order. Default: false. */
  readonly preserveOrder?: boolean;
}

class StreamClosed extends Error {
  constructor() {
    super("the stream's consumer stopped early");
    this.name = "StreamClosed";
  }
}

function iteratorOf<T>(inputs: AsyncIterable<T> | Iterable<T>): AsyncIterator<T> | Iterator<T> {
  return Symbol.asyncIterator in inputs
    ? (inputs as AsyncIterable<T>)[Symbol.asyncIterator]()
    : (inputs as Iterable<T>)[Symbol.iterator]();
}

interface OpenItem {
  readonly controller: AbortController;
  readonly done: Promise<void>;
}

/**
 * Runs `module` on every input of an (async) iterable with one runtime: one resource manager, one scheduler
 * and one global concurrency cap for all items, so calls of different items interleave and per-alias limits
 * hold across the stream. Yields one {@link BatchItem} per input, in completion order (or input order with
 * `preserveOrder`). Backpressure: input is pulled only while fewer than `maxInFlight` items are held.
 * Stopping early (`break`, `return`, a throw in the consumer) aborts the items in flight, their provider
 * calls included. The caller's `signal` aborts everything; the stream then throws its reason. Settings are
 * taken as by `run`: options, then the module's binding, then the enclosing scopes, then the defaults.
 *
 * In training mode (see `run`) each item's `result` carries its own tape: `record`, `tapeId`, and `values`
 * tagged with that id.
 *
 * With `checkpoint`, items are logged to an append-only JSONL file; with `resume`, items that finished before
 * are yielded from the log (`resumed: true`) without running, and unfinished ones continue from their
 * completed nodes.
 *
 * @example
 * ```ts
 * for await (const item of runStream(pipeline, readLines("in.jsonl"), { resources, maxInFlight: 64 })) {
 *   if (item.ok) write(item.output); else log(item.index, item.error);
 * }
 * ```
 */
export async function* runStream<M extends Module>(
  module: M,
  inputs: AsyncIterable<RunInput<M>> | Iterable<RunInput<M>>,
  options: StreamOptions = {},
): AsyncGenerator<BatchItem<BoundOutput<M>>, void, undefined> {
  type Item = BatchItem<BoundOutput<M>>;
  const maxInFlight = options.maxInFlight ?? 32;
  if (!(Number.isInteger(maxInFlight) || maxInFlight === Number.POSITIVE_INFINITY) || maxInFlight < 1) {
    throw new RangeError(`maxInFlight must be an integer >= 1, got ${maxInFlight}`);
  }
  const settings = resolveSettings(currentSettings(), bindingLayer(module), options);
  const runtime = new Runtime(settings, {
    ...(options.runId === undefined ? {} : { runId: options.runId }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    label: labelOf(module),
  });
  const checkpoint = settings.checkpoint
    ? BatchCheckpointing.open(settings.checkpoint, runtime.runId)
    : undefined;
  const iterator = iteratorOf(inputs);
  const open = new Map<number, OpenItem>();
  const ready: Item[] = [];
  const waiting = new Map<number, Item>();
  let held = 0;
  let nextIndex = 0;
  let nextToYield = 0;
  let exhausted = false;
  let wake: (() => void) | undefined;

  const finish = (item: Item) => {
    if (options.preserveOrder) waiting.set(item.index, item);
    else ready.push(item);
    runtime.emit?.({
      type: "item.done",
      time: runtime.clock.now(),
      context: { runId: runtime.runId, itemId: String(item.index) },
      index: item.index,
      ok: item.ok,
      durationMs: item.result?.timings.durationMs ?? 0,
      resumed: item.resumed,
    });
    wake?.();
  };

  const start = (index: number, input: unknown) => {
    const args = argumentsOf(input);
    held++;
    const stored = checkpoint?.finished<BoundOutput<M>>(index, args, input);
    if (stored) {
      finish(stored);
      return;
    }
    const controller = new AbortController();
    const done = runtime
      .execute<BoundOutput<M>>(module, {
        args,
        index,
        signal: controller.signal,
        ...(checkpoint ? { prepare: checkpoint.prepare(index, args) } : {}),
      })
      .then(
        (result) => ({ result, item: itemFromResult(index, input, result) }),
        (error: unknown) => ({ result: undefined, item: itemFromError<BoundOutput<M>>(index, input, error) }),
      )
      .then(({ result, item }) => {
        open.delete(index);
        if (controller.signal.aborted) return;
        checkpoint?.done(item, args);
        // Tagged after the checkpoint (its log keeps no tape ids) and only for items handed out.
        finish(result ? { ...item, result: attachRecord(result) } : item);
      });
    open.set(index, { controller, done });
  };

  const take = (): Item | undefined => {
    if (!options.preserveOrder) return ready.shift();
    const item = waiting.get(nextToYield);
    if (item) {
      waiting.delete(nextToYield);
      nextToYield++;
    }
    return item;
  };

  try {
    for (;;) {
      while (!exhausted && held < maxInFlight && !options.signal?.aborted) {
        const next = await iterator.next();
        if (next.done) {
          exhausted = true;
          break;
        }
        start(nextIndex++, next.value);
      }
      if (options.signal?.aborted) throw options.signal.reason;
      const item = take();
      if (item) {
        held--;
        yield item;
        continue;
      }
      if (exhausted && held === 0) return;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
      wake = undefined;
    }
  } finally {
    const closing = new StreamClosed();
    for (const item of open.values()) item.controller.abort(closing);
    await Promise.allSettled([...open.values()].map((item) => item.done));
    if (!exhausted) await (iterator.return?.() as Promise<unknown> | undefined);
    checkpoint?.close();
    runtime.close();
  }
}
