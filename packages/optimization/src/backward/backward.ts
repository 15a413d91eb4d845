import { isValue, type Value, ValueKind } from "@weft/core";
import { collectTapeIds, type ExecutionSettings, type ForwardRecord, releaseTape } from "@weft/execution";
import { BackwardError } from "../errors/backward-error.js";
import { combineFeedback } from "../feedback/combine.js";
import { normalizeFeedbackValue } from "../feedback/normalize.js";
import { openRuntime } from "../llm/model-runtime.js";
import { getRecord } from "../tape/tape-registry.js";
import { activeSink } from "./active-sink.js";
import { planRecord } from "./backward-plan.js";
import type { BackwardReport } from "./backward-report.js";
import type { FeedbackSink } from "./backward-types.js";
import { type Propagation, routing } from "./propagation.js";
import { runBackward } from "./run-backward.js";

/** Options of {@link backward}: execution settings for its critique calls, plus the backward's own. */
export interface BackwardOptions extends ExecutionSettings {
  /**
   * The feedback to propagate instead of the Values themselves (plait-spec 9.6). For a single Value it
   * overrides that Value. For a container: a list with one entry per tape (in tape order), an object or Map
   * keyed by tape id covering every tape, or anything else as one feedback for every tape. Default: none.
   */
  readonly grad?: unknown;
  /** Keep the tapes registered after the pass (so the same outputs can be propagated again). Default: false. */
  readonly retainGraph?: boolean;
  /**
   * The optimizer that captures the records (for its ordering); `null` for none. Default: the active optimizer
   * (`optimizer.activate(fn)`, else the last one constructed, bound or zeroed).
   */
  readonly optimizer?: FeedbackSink | null;
  /** How feedback travels. Default: the optimizer's `propagation`, else `routing()`. */
  readonly propagation?: Propagation;
  /** Alias of the model `BackwardContext.reason()` calls. Default: the critic of textual gradients, else none. */
  readonly reasoningAlias?: string;
  /** Aborts the pass (its critique calls included); it then rejects with the signal's reason. */
  readonly signal?: AbortSignal;
}

function isPlain(x: unknown): x is Record<string, unknown> {
  if (typeof x !== "object" || x === null) return false;
  const proto = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}

function valuesCarrying(structure: unknown, tapeId: string): Value[] {
  const found: Value[] = [];
  const walk = (x: unknown) => {
    if (isValue(x)) {
      if (collectTapeIds(x).includes(tapeId)) found.push(x);
    } else if (Array.isArray(x)) for (const item of x) walk(item);
    else if (isPlain(x)) for (const item of Object.values(x)) walk(item);
  };
  walk(structure);
  return found;
}

/** A STRUCTURED Value whose payload is groups of strings (what every Feedback is). */
function isFeedbackShaped(value: Value): boolean {
  if (value.kind !== ValueKind.STRUCTURED || value.isPlaceholder) return false;
  const payload = value.payload;
  return (
    Array.isArray(payload) &&
    payload.every((group) => Array.isArray(group) && group.every((item) => typeof item === "string"))
  );
}

function keyedGrad(grad: unknown, tapeIds: readonly string[]): Map<string, unknown> | undefined {
  const entries =
    grad instanceof Map ? [...grad.entries()] : isPlain(grad) ? Object.entries(grad) : undefined;
  if (!entries || entries.length === 0 || !entries.every(([key]) => tapeIds.includes(key as string)))
    return undefined;
  const keyed = new Map(entries as [string, unknown][]);
  const missing = tapeIds.filter((id) => !keyed.has(id));
  if (missing.length > 0) {
    throw new BackwardError("grad_mismatch", `grad has no feedback for tape(s) ${missing.join(", ")}`);
  }
  return keyed;
}

/** The seed feedback of each tape (plait-spec 9.6, with a container form that needs no grad). @internal */
export function seedsOf(target: unknown, tapeIds: readonly string[], grad: unknown): Map<string, Value> {
  const seeds = new Map<string, Value>();
  if (isValue(target) || grad !== undefined) {
    const keyed = isValue(target) ? undefined : keyedGrad(grad, tapeIds);
    if (keyed) {
      for (const id of tapeIds) seeds.set(id, normalizeFeedbackValue(keyed.get(id)));
    } else if (!isValue(target) && Array.isArray(grad)) {
      if (grad.length !== tapeIds.length) {
        throw new BackwardError(
          "grad_mismatch",
          `grad has ${grad.length} entries but the outputs carry ${tapeIds.length} tape(s)`,
        );
      }
      tapeIds.forEach((id, index) => {
        seeds.set(id, normalizeFeedbackValue(grad[index]));
      });
    } else {
      const single = normalizeFeedbackValue(grad ?? target);
      for (const id of tapeIds) seeds.set(id, single);
    }
    return seeds;
  }
  for (const id of tapeIds) {
    const carriers = valuesCarrying(target, id);
    const notFeedback = carriers.find((value) => !isFeedbackShaped(value));
    if (notFeedback) {
      throw new BackwardError(
        "grad_required",
        `a container of outputs needs grad (one feedback for all, or one per tape): the Value ` +
          `${notFeedback.ref ?? "(no ref)"} carrying tape ${id} is not feedback`,
      );
    }
    seeds.set(id, combineFeedback(carriers) as Value);
  }
  return seeds;
}

/**
 * Propagates feedback backwards through the forward records (tapes) carried by `target` (plait-spec 9.5,
 * 9.6) and accumulates parameter feedback, ready for `optimizer.step()`.
 *
 * `target` is a feedback Value (what `loss.evaluate` returns; `feedback.backward()` calls this), any output
 * Value with `grad`, or a container of them: a list of feedbacks of a batch propagates each one through its
 * own tape, all in one backward graph; a container of outputs takes `grad` (one for all, or one per tape).
 * Each tape is seeded at its graph's outputs and walked in reverse topological order; see
 * {@link BackwardOptions.propagation} for what happens at each node. Critiques that do not depend on each
 * other run concurrently on one scheduler, under the settings' resources, limits and budget.
 *
 * The records are given to the optimizer and, unless `retainGraph`, released. Throws BackwardError:
 * `no_tape`, `unknown_tape`, `grad_required`, `grad_mismatch`, or `failed` (nothing is accumulated then,
 * and the tapes are kept).
 *
 * @example
 * ```ts
 * const feedback = await Promise.all(items.map((item, i) => loss.evaluate(item, { target: targets[i] })));
 * await backward(feedback, { resources, propagation: textualGradients() });
 * await optimizer.step();
 * ```
 */
export async function backward(target: unknown, options: BackwardOptions = {}): Promise<BackwardReport> {
  const tapeIds = collectTapeIds(target);
  if (tapeIds.length === 0) {
    throw new BackwardError(
      "no_tape",
      "Cannot backward() without a tape: run the module in training mode (module.train()) with run(), " +
        "runBatch() or runStream(), outside noGrad, and compute the loss on those outputs",
    );
  }
  const seeds = seedsOf(target, tapeIds, options.grad);
  const records = new Map<string, ForwardRecord>(tapeIds.map((id) => [id, getRecord(id)]));
  const sink = options.optimizer === null ? undefined : (options.optimizer ?? activeSink());
  const propagation = options.propagation ?? sink?.propagation ?? routing();
  const plans = tapeIds.map((id, index) => ({
    plan: planRecord(index, records.get(id) as ForwardRecord, propagation),
    seed: seeds.get(id) as Value,
  }));
  const {
    grad: _grad,
    retainGraph,
    optimizer: _optimizer,
    propagation: _p,
    reasoningAlias,
    signal,
    ...settings
  } = options;
  const runtime = openRuntime(settings, "backward");
  let report: BackwardReport;
  try {
    report = await runBackward(plans, {
      runtime,
      propagation,
      reasoningAlias: reasoningAlias ?? (propagation.kind === "textual" ? propagation.alias : undefined),
      signal,
    });
  } finally {
    runtime.close();
  }
  for (const record of records.values()) sink?.captureRecord(record);
  if (!retainGraph) for (const id of tapeIds) releaseTape(id);
  return report;
}
