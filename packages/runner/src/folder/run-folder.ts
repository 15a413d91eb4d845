import { join } from "node:path";
import { RunnerError } from "../errors/runner-error.js";
import { entryLines } from "./entry-lines.js";
import type { FolderEntry } from "./folder-inputs.js";
import { writeFolderViews } from "./folder-views.js";
import { GroupCommit } from "./group-commit.js";
import { LedgerWriter, type RunCounts } from "./ledger.js";
import { prepareSession } from "./prepare-session.js";
import { replaceFile } from "./repair-data-dir.js";
import type { RollingJsonl } from "./rolling-jsonl.js";
import { RUN_FOLDER_PATHS } from "./run-folder-format.js";
import type { RunFolderOptions } from "./run-folder-options.js";
import { countFields, type RunMetadata, type RunStatus, type StopReason } from "./run-metadata.js";

/** Whether an entry is new to the folder or already committed by an earlier session. */
export type EntryState = "new" | "committed";

/**
 * A run folder being written (format: design_docs/runner.md). Entries are buffered and committed in groups:
 * each group's data lines are written first, then its ledger lines (`state/items.jsonl`), so after a kill a
 * resume keeps exactly the committed items and drops the rest. `write` resolves once the entry is buffered,
 * or, past `highWaterMark` buffered entries, once the disk has caught up.
 *
 * @example
 * ```ts
 * const folder = await RunFolder.open("runs/today", { graph, graphHash, input: await dataset.describe() });
 * await folder.write({ status: "ok", itemId: "1", line: 1, input, inputHash, rows: [{ rowId: "1", output }] });
 * const metadata = await folder.close("completed");
 * ```
 */
export class RunFolder {
  private closed = false;
  private readonly commits: GroupCommit;

  private constructor(
    /** Absolute path of the folder. */
    readonly dir: string,
    private metadata: RunMetadata,
    private readonly committed: ReadonlyMap<string, string>,
    private readonly released: ReadonlyMap<string, string>,
    counts: RunCounts,
    private readonly writers: Map<string, RollingJsonl>,
    private readonly nodeDirs: ReadonlyMap<string, string>,
    private readonly ledger: LedgerWriter,
    private readonly options: RunFolderOptions,
  ) {
    this.commits = new GroupCommit(writers, ledger, counts, options.highWaterMark);
  }

  /**
   * Opens `dir` for a new run (it must be empty or missing: RunnerError `run_folder_not_empty` otherwise) or,
   * with `resume`, for the run already in it (`run_folder_invalid`, `resume_mismatch` when it cannot be).
   * Writes `graph.json` and `metadata.json` (status `running`) before returning.
   */
  static async open(dir: string, options: RunFolderOptions): Promise<RunFolder> {
    const session = await prepareSession(dir, options);
    const folder = new RunFolder(
      session.path,
      session.metadata,
      session.committed,
      session.released,
      session.counts,
      session.writers,
      session.nodeDirs,
      new LedgerWriter(join(session.path, RUN_FOLDER_PATHS.ledger)),
      options,
    );
    await folder.writeMetadata();
    return folder;
  }

  /** Items committed by earlier sessions (0 for a new run). */
  get resumedItems(): number {
    return this.committed.size;
  }

  /** Items whose run failed in an earlier session and that run again in this one. */
  get retriedItems(): number {
    return this.released.size;
  }

  /** Counts and totals of the items committed so far (this session and earlier ones). */
  get counts(): RunCounts {
    return this.commits.counts;
  }

  /** Where the execution layer keeps its checkpoint for this run. */
  get checkpointDir(): string {
    return join(this.dir, RUN_FOLDER_PATHS.checkpoint);
  }

  /** Whether this folder writes `nodes/<node>/` files (its own setting, kept across resumes). */
  get writesNodeOutputs(): boolean {
    return this.metadata.options.node_outputs;
  }

  /** The run id (kept across resumes). */
  get runId(): string {
    return this.metadata.run_id;
  }

  /**
   * Whether an entry still has to run: `committed` when an earlier session committed it (as a success or an
   * input error); `new` otherwise, including items whose run failed before (they run again). Throws
   * RunnerError `resume_mismatch` when an earlier session saw the same id with different input data.
   */
  stateOf(itemId: string, inputHash: string): EntryState {
    const before = this.committed.get(itemId) ?? this.released.get(itemId);
    if (before === undefined) return "new";
    if (before !== inputHash) {
      throw new RunnerError(
        "resume_mismatch",
        `cannot resume ${this.dir}: item ${JSON.stringify(itemId)} has different input data than in the earlier run`,
        { path: this.dir },
      );
    }
    return this.committed.has(itemId) ? "committed" : "new";
  }

  /** Buffers one entry's lines; see the class comment for when the promise resolves. */
  async write(entry: FolderEntry): Promise<void> {
    this.commits.throwIfFailed();
    if (this.closed) throw new RunnerError("invalid_run_options", `run folder ${this.dir} is closed`);
    await this.commits.add(entryLines(entry, this.nodeDirs));
  }

  /** Waits until every entry written so far is committed on disk. */
  async flush(): Promise<void> {
    await this.commits.flush();
  }

  /**
   * Commits what is buffered, writes CSV and Parquet views when asked for, and rewrites `metadata.json` with
   * the final status, counts and end time (and, for an `interrupted` run, `stoppedBy`: why it stopped).
   * Returns the metadata written.
   */
  async close(
    status: Exclude<RunStatus, "running">,
    stoppedBy: StopReason | undefined = undefined,
  ): Promise<RunMetadata> {
    if (this.closed) return this.metadata;
    this.closed = true;
    try {
      await this.flush();
    } finally {
      await Promise.all([...this.writers.values()].map((writer) => writer.close()));
      await this.ledger.close();
    }
    await writeFolderViews(this.dir, this.options);
    this.metadata = {
      ...this.metadata,
      status,
      stopped_by: stoppedBy ?? null,
      ended_at: (this.options.now ?? (() => new Date()))().toISOString(),
    };
    await this.writeMetadata();
    return this.metadata;
  }

  private async writeMetadata(): Promise<void> {
    const files: Record<string, number> = {};
    for (const [dir, writer] of this.writers) files[dir] = writer.fileCount;
    this.metadata = { ...this.metadata, ...countFields(this.commits.counts), files };
    await replaceFile(
      join(this.dir, RUN_FOLDER_PATHS.metadata),
      `${JSON.stringify(this.metadata, null, 2)}\n`,
    );
  }
}
