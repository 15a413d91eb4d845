import type { Clock } from "@weft/core";
import type { Profiler, StreamOptions } from "@weft/execution";
import { BudgetTracker, type ResourceManager } from "@weft/resources";
import type { RunFolder } from "../folder/run-folder.js";
import type { RunDatasetOptions } from "./run-dataset-options.js";

/** The checkpoint log's name inside `state/checkpoint/`. */
export const CHECKPOINT_ID = "items";

/** What a session's stream is given beside the runner's options. */
export interface StreamParts {
  readonly folder: RunFolder;
  readonly manager: ResourceManager | undefined;
  readonly clock: Clock;
  readonly signal: AbortSignal;
  /** Makes the event hook; called only when a budget, a trace or an event sink needs events. */
  readonly hook: () => Profiler;
  /** Whether a trace or an event sink needs events. */
  readonly wantsEvents: boolean;
}

/**
 * `runStream`'s options for a session: the caller's execution settings, then the runner's own: resources, the
 * budget left under `budgetUsd` after earlier sessions' committed spend, concurrency, the checkpoint inside the
 * folder, the event hook, record mode for node outputs, the stop signal and the folder's run id.
 */
export function streamSettings(options: RunDatasetOptions, parts: StreamParts): StreamOptions {
  const { folder, manager, clock } = parts;
  const maxConcurrency = options.maxConcurrency ?? options.execution?.maxConcurrency ?? 100;
  const budget =
    options.budgetUsd === undefined
      ? options.execution?.budget
      : new BudgetTracker({
          maxUsd: Math.max(0, options.budgetUsd - folder.counts.costUsd),
          label: "run",
          clock,
        });
  return {
    ...options.execution,
    llm: { stream: false, ...options.execution?.llm },
    ...(manager ? { resources: manager } : {}),
    ...(budget ? { budget } : {}),
    maxConcurrency,
    maxInFlight: options.maxInFlight ?? 2 * maxConcurrency,
    checkpoint: { dir: folder.checkpointDir, executionId: CHECKPOINT_ID, resume: options.resume ?? false },
    ...(budget !== undefined || parts.wantsEvents ? { profiler: parts.hook() } : {}),
    clock,
    record: folder.writesNodeOutputs || (options.execution?.record ?? false),
    signal: parts.signal,
    runId: folder.runId,
  };
}
