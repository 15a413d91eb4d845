import type { Clock, WeftEvent } from "@weft/core";
import type { ExecutionSettings } from "@weft/execution";
import type { ProfileAnalysis } from "@weft/profiling";
import type {
  ProviderRegistry,
  ResourceConfigInput,
  ResourceManager,
  ResourceSnapshot,
} from "@weft/resources";
import type { RunMetadata, RunStatus, StopReason } from "../folder/run-metadata.js";
import type { RowsFunction } from "../rows/item-rows.js";

/** Anything that takes events, such as an `EventBus<WeftEvent>`. */
export interface RunEventSink {
  emit(event: WeftEvent): void;
}

/** Options of {@link runDataset}. */
export interface RunDatasetOptions {
  /** The run folder to write (created when missing; it must be empty unless `resume`). Required. */
  readonly out: string;
  /** Go on with the run already in `out` (same pipeline, same inputs). Default: false. */
  readonly resume?: boolean;
  /**
   * Where LLM calls go: a `ResourceManager`, or a resource config (a manager is built from it with `registry`
   * and `clock`). Required when the pipeline calls models; every alias it calls must be defined.
   */
  readonly resources?: ResourceManager | ResourceConfigInput;
  /** Provider factories for a config that names models by description. Default: an empty registry. */
  readonly registry?: ProviderRegistry;
  /** The dataset field holding item ids. Default: the line number (position for arrays and iterables). */
  readonly idField?: string;
  /** Read at most this many entries (valid or not). Default: all. */
  readonly limit?: number;
  /** Expands or filters each item's output into rows (Chainette's Apply). Default: one row per item. */
  readonly rows?: RowsFunction;
  /** Most graph nodes running at once over the whole run (execution's `maxConcurrency`). Default: 100. */
  readonly maxConcurrency?: number;
  /** Most items pulled from the dataset and not yet written. Default: twice `maxConcurrency` (200). */
  readonly maxInFlight?: number;
  /**
   * Cap in USD on the run's spend: the cap minus what earlier sessions of the folder spent is this session's
   * budget. Once a call cannot fit, the session stops (status `interrupted`, `stoppedBy: "budget"`); the items
   * it had not finished are left for a resume. Default: no cap.
   */
  readonly budgetUsd?: number;
  /** Record the run with `@weft/profiling` and write `trace.json` into the folder. Default: false. */
  readonly profile?: boolean;
  /** Receives the runner's `dataset.*` events and the run's runtime and resource events. Default: none. */
  readonly events?: RunEventSink;
  /** Time for the scheduler, timeouts, retries and events. Default: `systemClock`. */
  readonly clock?: Clock;
  /** Stops the run: items in flight are abandoned (a resume runs them), what is done is committed. */
  readonly signal?: AbortSignal;
  /** Lines per data file. Default: 1000 (a resumed folder keeps its own). */
  readonly maxLinesPerFile?: number;
  /** Write each node's output to `nodes/<node>/` and `flattened/`. Default: false (a resumed folder keeps its own). */
  readonly nodeOutputs?: boolean;
  /** Also write CSV views when the session ends. Default: false. */
  readonly csv?: boolean;
  /** Also write Parquet views when the session ends. Default: false. */
  readonly parquet?: boolean;
  /**
   * Further execution settings (timeouts, retries, LLM settings, priority). `resources`, `budget`,
   * `checkpoint`, `profiler`, `events`, `clock` and `maxConcurrency` are the runner's. Default: LLM replies
   * are not streamed (`llm.stream: false`).
   */
  readonly execution?: ExecutionSettings;
  /** Wall-clock time for the folder's timestamps and run id. Default: `() => new Date()`. */
  readonly now?: () => Date;
}

/** Entries handled by one session. */
export interface SessionCounts {
  /** Entries written by this session (succeeded, failed and invalid). */
  readonly written: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly invalid: number;
  /** Entries an earlier session had committed, skipped now. */
  readonly skipped: number;
}

/** What {@link runDataset} resolves with. */
export interface RunDatasetResult {
  /** Absolute path of the run folder. */
  readonly dir: string;
  readonly runId: string;
  readonly status: Exclude<RunStatus, "running">;
  /** Why the session stopped early, for status `interrupted`. */
  readonly stoppedBy: StopReason | undefined;
  /** `metadata.json` as written at the end: counts, tokens and cost over every session. */
  readonly metadata: RunMetadata;
  readonly session: SessionCounts;
  /** Clock milliseconds the session took. */
  readonly durationMs: number;
  /** Path of `trace.json`, with `profile`. */
  readonly tracePath: string | undefined;
  /** Analysis of this session's trace, with `profile`. */
  readonly profile: ProfileAnalysis | undefined;
  /** The resource manager's metrics and endpoint states at the end (rate limiter figures included). */
  readonly resources: ResourceSnapshot | undefined;
}
