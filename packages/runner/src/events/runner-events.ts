import type { WeftEvent } from "@weft/core";
import type { RunStatus, StopReason } from "../folder/run-metadata.js";

/** A dataset run started (or resumed). */
export interface DatasetStartedEvent extends WeftEvent<"dataset.started"> {
  readonly runId: string;
  /** Absolute path of the run folder. */
  readonly dir: string;
  /** Entries this run will read, when known (a file's count, capped by `limit`); else `undefined`. */
  readonly total: number | undefined;
  /** Entries committed by earlier sessions, skipped now. */
  readonly resumed: number;
}

/** One entry was handed to the run folder. */
export interface DatasetItemEvent extends WeftEvent<"dataset.item"> {
  readonly itemId: string;
  readonly line: number;
  /** `ok`: the module ran; `error`: the run failed; `invalid`: the entry could not run. */
  readonly status: "ok" | "error" | "invalid";
  /** Output rows written (0 for a filtered item or an error). */
  readonly rows: number;
  /** For `error` and `invalid`: the error kind (see `ErrorRow.kind`). */
  readonly errorKind?: string;
  /** For `error`: the failed node, when known. */
  readonly node?: string;
}

/** A dataset run ended; `status` is what `metadata.json` says. */
export interface DatasetFinishedEvent extends WeftEvent<"dataset.finished"> {
  readonly runId: string;
  readonly dir: string;
  readonly status: Exclude<RunStatus, "running">;
  /** Why an `interrupted` session stopped early. */
  readonly stoppedBy?: StopReason;
  /** Clock milliseconds from `dataset.started`. */
  readonly durationMs: number;
}

/** Every event the runner emits. */
export type RunnerEvent = DatasetStartedEvent | DatasetItemEvent | DatasetFinishedEvent;
