import type { Module } from "@weft/core";
import { type ExecutionSettings, releaseTape, runBatch, type SampleId } from "@weft/execution";
import { backward } from "../backward/backward.js";
import type { Propagation } from "../backward/propagation.js";
import type { Feedback } from "../feedback/feedback.js";
import type { Loss } from "../losses/loss.js";
import type { CommitPolicy } from "../optimizers/commit-policy.js";
import type { Optimizer } from "../optimizers/optimizer.js";
import type { StepResult } from "../optimizers/step-result.js";
import { budgetErrorOf } from "./budget-stop.js";
import type { Example, Metric } from "./evaluate-set.js";

/** What one training batch needs. @internal */
export interface BatchTask {
  readonly module: Module;
  readonly loss: Loss;
  readonly optimizer: Optimizer;
  readonly settings: Omit<ExecutionSettings, "events" | "record">;
  readonly propagation: Propagation | undefined;
  readonly metric: Metric;
  readonly policy: CommitPolicy;
  readonly signal: AbortSignal | undefined;
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((sum, v) => sum + v, 0) / values.length;
}

/**
 * The forward sample id of a training batch's LLM calls, `<key>:<item index>`: a later step (or epoch) on the
 * same prompt and input asks for a fresh sample instead of replaying the cached one, while a rerun of the same
 * training replays it. A `sampleId` the caller set in the settings wins. @internal
 */
export function trainingSampleId(settings: Pick<ExecutionSettings, "llm">, key: string): SampleId {
  return settings.llm?.sampleId ?? ((call) => `${key}:${call.itemIndex ?? 0}`);
}

/**
 * One step of the training loop on `batch`: zero the feedback, run the module in training mode on the batch
 * (its LLM calls keyed in the response cache with the sample id `sampleKey:<item>`, see {@link trainingSampleId}),
 * evaluate the loss on every output, propagate all the feedback in one backward pass, and step with the
 * commit policy. Resolves with the step and the batch's mean metric, or `undefined` when no output could be
 * propagated. Rejects with the budget error when the batch's runs were refused by the budget. The batch's
 * tapes are always released. @internal
 */
export async function trainBatch(
  batch: readonly Example[],
  task: BatchTask,
  sampleKey: string,
): Promise<{ readonly step: StepResult; readonly trainScore: number } | undefined> {
  const { module, loss, optimizer, settings, signal } = task;
  let tapes: (string | undefined)[] = [];
  try {
    optimizer.zeroFeedback();
    module.train();
    const items = await runBatch(module, batch.map((e) => e.input) as never[], {
      ...settings,
      llm: { ...settings.llm, sampleId: trainingSampleId(settings, sampleKey) },
      ...(signal ? { signal } : {}),
    });
    tapes = items.map((item) => item.result?.tapeId);
    const refused = budgetErrorOf(items);
    if (refused !== undefined) throw refused;
    const feedbacks = await Promise.all(
      items.map((item, index) =>
        item.result
          ? loss.evaluate(item.result, {
              ...settings,
              target: batch[index]?.target,
              context: batch[index]?.context,
            })
          : undefined,
      ),
    );
    const scored = feedbacks.filter((f): f is Feedback => f !== undefined);
    const propagatable = scored.filter((f) => f.tapeIds.length > 0);
    if (propagatable.length === 0) return undefined;
    await backward(propagatable, {
      ...settings,
      optimizer,
      ...(task.propagation ? { propagation: task.propagation } : {}),
      ...(signal ? { signal } : {}),
    });
    const step = await optimizer.step({ commit: task.policy, ...(signal ? { signal } : {}) });
    return { step, trainScore: mean(scored.map(task.metric)) };
  } finally {
    for (const tapeId of tapes) if (tapeId) releaseTape(tapeId);
  }
}
