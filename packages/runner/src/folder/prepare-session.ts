import { randomBytes } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { RunnerError } from "../errors/runner-error.js";
import type { RunCounts } from "./ledger.js";
import { openFolderState } from "./open-folder-state.js";
import { weftPackageVersions } from "./package-versions.js";
import { repairDataDir } from "./repair-data-dir.js";
import { checkResumable } from "./resume-check.js";
import { RollingJsonl } from "./rolling-jsonl.js";
import { DEFAULT_MAX_LINES_PER_FILE, RUN_FOLDER_PATHS } from "./run-folder-format.js";
import type { RunFolderOptions } from "./run-folder-options.js";
import { countFields, newRunId, newRunMetadata, type RunMetadata } from "./run-metadata.js";

/** A folder ready for a session's writes. */
export interface Session {
  readonly path: string;
  readonly metadata: RunMetadata;
  readonly committed: ReadonlyMap<string, string>;
  /** Items whose run failed before, to run again (id to input hash). */
  readonly released: ReadonlyMap<string, string>;
  readonly counts: RunCounts;
  /** One writer per data directory, by path relative to the folder. */
  readonly writers: Map<string, RollingJsonl>;
  /** Node id to directory under `nodes/`; empty when node outputs are off. */
  readonly nodeDirs: ReadonlyMap<string, string>;
}

/**
 * Starts a new run in `dir` (writing `graph.json`) or resumes the one in it (checking it matches, repairing
 * what a kill left), and sets up the data writers. The folder's own layout options win over `options` on a
 * resume; CSV, Parquet, limit, resources and package versions are the session's.
 */
export async function prepareSession(dir: string, options: RunFolderOptions): Promise<Session> {
  const path = resolve(dir);
  const maxLines = options.maxLinesPerFile ?? DEFAULT_MAX_LINES_PER_FILE;
  if (!Number.isInteger(maxLines) || maxLines < 1) {
    throw new RunnerError(
      "invalid_run_options",
      `maxLinesPerFile must be a whole number >= 1, got ${maxLines}`,
    );
  }
  const now = options.now ?? (() => new Date());
  const state = await openFolderState(path, options);
  let metadata: RunMetadata;
  if (state.previous) {
    checkResumable(dir, state.previous, options);
    metadata = {
      ...state.previous,
      status: "running",
      stopped_by: null,
      ended_at: null,
      sessions: state.previous.sessions + 1,
    };
  } else {
    await mkdir(path, { recursive: true });
    await writeFile(
      join(path, RUN_FOLDER_PATHS.graph),
      `${JSON.stringify(options.graph ?? null, null, 2)}\n`,
    );
    metadata = newRunMetadata(options, maxLines, newRunId(now(), randomBytes(4).toString("hex")), now());
  }
  metadata = {
    ...metadata,
    ...countFields(state.counts),
    weft: options.packages ?? weftPackageVersions(),
    resources: options.resources ?? metadata.resources ?? null,
    input: { ...metadata.input, limit: options.limit ?? null },
    options: { ...metadata.options, csv: options.csv ?? false, parquet: options.parquet ?? false },
  };
  const nodeDirs = new Map(metadata.options.node_outputs ? Object.entries(metadata.nodes) : []);
  const dataDirs: string[] = [RUN_FOLDER_PATHS.outputs, RUN_FOLDER_PATHS.errors, RUN_FOLDER_PATHS.flattened];
  for (const name of nodeDirs.values()) dataDirs.push(`${RUN_FOLDER_PATHS.nodes}/${name}`);
  const lines = metadata.options.max_lines_per_file;
  const writers = new Map<string, RollingJsonl>();
  for (const relative of dataDirs) {
    const full = join(path, relative);
    if (state.previous) await repairDataDir(full, (id) => state.committed.has(id));
    writers.set(
      relative,
      state.previous ? await RollingJsonl.resume(full, lines) : RollingJsonl.fresh(full, lines),
    );
  }
  return {
    path,
    metadata,
    committed: state.committed,
    released: state.released,
    counts: state.counts,
    writers,
    nodeDirs,
  };
}
