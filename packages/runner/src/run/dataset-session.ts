import { join } from "node:path";
import type { Clock, Module, Value, WeftEvent } from "@weft/core";
import { type BatchItem, type Profiler, runStream, type StreamOptions } from "@weft/execution";
import { aliasCapacities, Profiler as TraceProfiler } from "@weft/profiling";
import type { ResourceManager } from "@weft/resources";
import type { InferenceGraph } from "@weft/tracing";
import type { Dataset } from "../dataset/dataset.js";
import type { DatasetItem } from "../dataset/dataset-source.js";
import type { RunnerEvent } from "../events/runner-events.js";
import type { FolderEntry } from "../folder/folder-inputs.js";
import type { RunFolder } from "../folder/run-folder.js";
import { RUN_FOLDER_PATHS } from "../folder/run-folder-format.js";
import type { RunStatus, StopReason } from "../folder/run-metadata.js";
import { itemArgument } from "./item-argument.js";
import { itemEntry } from "./item-entry.js";
import { itemEvent } from "./item-event.js";
import type { RunDatasetOptions, RunDatasetResult } from "./run-dataset-options.js";
import { recordedNodeIds } from "./session-setup.js";
import { streamSettings } from "./stream-settings.js";

interface PendingItem {
  readonly record: DatasetItem;
  /** Committed by an earlier session: it goes through the stream (to keep positions) but is not written. */
  readonly committed: boolean;
}

/** `runStream` for any module: the runner's inputs are Values whatever `forward()` declares. */
const streamItems = runStream as (
  module: Module,
  inputs: AsyncIterable<Value>,
  options: StreamOptions,
) => AsyncGenerator<BatchItem>;

/** One session of {@link runDataset}: feeds the dataset to `runStream` and writes what comes back. */
export class DatasetSession {
  private readonly pending = new Map<number, PendingItem>();
  private readonly counts = { written: 0, succeeded: 0, failed: 0, invalid: 0, skipped: 0 };
  private readonly stop = new AbortController();
  private stoppedBy: StopReason | undefined;
  private readonly profiler: TraceProfiler | undefined;
  private readonly startedAt: number;

  constructor(
    private readonly module: Module,
    private readonly graph: InferenceGraph,
    private readonly dataset: Dataset,
    private readonly folder: RunFolder,
    private readonly manager: ResourceManager | undefined,
    private readonly options: RunDatasetOptions,
    private readonly clock: Clock,
  ) {
    this.startedAt = clock.now();
    this.profiler = options.profile
      ? new TraceProfiler({
          path: join(folder.dir, RUN_FOLDER_PATHS.trace),
          ...(manager ? { capacity: aliasCapacities(manager.config) } : {}),
        })
      : undefined;
  }

  /** Runs the session; `total` is the number of entries it will read, when known. */
  async run(total: number | undefined): Promise<RunDatasetResult> {
    const { signal } = this.options;
    const onAbort = () => this.halt("signal");
    if (signal?.aborted) onAbort();
    signal?.addEventListener("abort", onAbort, { once: true });
    this.emit({
      type: "dataset.started",
      time: this.startedAt,
      runId: this.folder.runId,
      dir: this.folder.dir,
      total,
      resumed: this.folder.resumedItems,
    });
    let failure: unknown;
    try {
      const settings = streamSettings(this.options, {
        folder: this.folder,
        manager: this.manager,
        clock: this.clock,
        signal: this.stop.signal,
        hook: () => this.eventHook(),
        wantsEvents: this.profiler !== undefined || this.options.events !== undefined,
      });
      for await (const item of streamItems(this.module, this.feed(), settings)) {
        await this.onItem(item);
      }
    } catch (error) {
      if (!this.stop.signal.aborted) failure = error;
    } finally {
      signal?.removeEventListener("abort", onAbort);
    }
    return this.finish(failure);
  }

  private halt(reason: StopReason): void {
    if (this.stoppedBy !== undefined) return;
    this.stoppedBy = reason;
    this.stop.abort(new Error(reason === "budget" ? "the run's budget is spent" : "the run was interrupted"));
  }

  /** Receives the run's runtime and resource events: stops on a spent budget, feeds the trace and the sink. */
  private eventHook(): Profiler {
    const { profiler } = this;
    const sink = this.options.events;
    return {
      onEvent: (event: WeftEvent) => {
        if (event.type === "budget.exceeded") this.halt("budget");
        profiler?.onEvent(event);
        sink?.emit(event);
      },
    };
  }

  /** The dataset's valid items as stream inputs, in the same order every session; invalid ones are written. */
  private async *feed(): AsyncGenerator<Value> {
    let index = 0;
    for await (const record of this.dataset.records()) {
      if (this.stop.signal.aborted) return;
      const committed = this.folder.stateOf(record.id, record.inputHash) === "committed";
      if (committed) this.counts.skipped++;
      if (record.kind === "invalid") {
        if (!committed) await this.write({ status: "invalid", ...record });
        continue;
      }
      this.pending.set(index++, { record, committed });
      yield itemArgument(record.input);
    }
  }

  private async onItem(item: BatchItem): Promise<void> {
    const pending = this.pending.get(item.index);
    this.pending.delete(item.index);
    if (!pending || pending.committed) return;
    const entry = itemEntry(pending.record, item, {
      ...(this.options.rows ? { rows: this.options.rows } : {}),
      nodeIds: this.folder.writesNodeOutputs ? recordedNodeIds(this.graph) : [],
    });
    // An item the spent budget stopped is left for a resume, like the items still in flight.
    if (this.stoppedBy === "budget" && entry.status === "error" && entry.kind === "budget_exceeded") return;
    await this.write(entry);
  }

  private async write(entry: FolderEntry): Promise<void> {
    await this.folder.write(entry);
    this.counts.written++;
    if (entry.status === "ok") this.counts.succeeded++;
    else if (entry.status === "error") this.counts.failed++;
    else this.counts.invalid++;
    this.emit(itemEvent(entry, this.clock.now()));
  }

  private async finish(failure: unknown): Promise<RunDatasetResult> {
    const status: Exclude<RunStatus, "running"> =
      failure !== undefined ? "failed" : this.stoppedBy ? "interrupted" : "completed";
    let metadata: Awaited<ReturnType<RunFolder["close"]>> | undefined;
    try {
      metadata = await this.folder.close(status, status === "interrupted" ? this.stoppedBy : undefined);
    } catch (error) {
      failure ??= error;
    }
    const tracePath = this.profiler ? await this.profiler.flush() : undefined;
    const durationMs = this.clock.now() - this.startedAt;
    this.emit({
      type: "dataset.finished",
      time: this.clock.now(),
      runId: this.folder.runId,
      dir: this.folder.dir,
      status,
      ...(status === "interrupted" && this.stoppedBy ? { stoppedBy: this.stoppedBy } : {}),
      durationMs,
    });
    if (failure !== undefined || metadata === undefined) throw failure;
    return {
      dir: this.folder.dir,
      runId: this.folder.runId,
      status,
      stoppedBy: status === "interrupted" ? this.stoppedBy : undefined,
      metadata,
      session: { ...this.counts },
      durationMs,
      tracePath,
      profile: this.profiler?.analyze(),
      resources: this.manager?.snapshot(),
    };
  }

  private emit(event: RunnerEvent): void {
    this.options.events?.emit(event);
  }
}
