import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { RunnerError } from "../errors/runner-error.js";
import { EMPTY_COUNTS, type RunCounts, readLedger } from "./ledger.js";
import { releaseFailedItems } from "./release-failed.js";
import { RUN_FOLDER_PATHS } from "./run-folder-format.js";
import type { RunFolderOptions } from "./run-folder-options.js";
import { type RunMetadata, readRunMetadata } from "./run-metadata.js";

/** What an output folder holds before a session starts. */
export interface FolderState {
  /** The earlier run's metadata, when resuming one. */
  readonly previous: RunMetadata | undefined;
  readonly committed: ReadonlyMap<string, string>;
  /** Items whose run failed in an earlier session: released to run again, with their input hashes. */
  readonly released: ReadonlyMap<string, string>;
  readonly counts: RunCounts;
}

/**
 * Decides between a new run and a resume: a missing or empty folder starts a new run; a non-empty one needs
 * `resume` (RunnerError `run_folder_not_empty`) and a readable `metadata.json` (`run_folder_invalid`). On a
 * resume, items whose run failed are released to run again (see `releaseFailedItems`).
 */
export async function openFolderState(dir: string, options: RunFolderOptions): Promise<FolderState> {
  const fresh: FolderState = {
    previous: undefined,
    committed: new Map(),
    released: new Map(),
    counts: EMPTY_COUNTS,
  };
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return fresh;
    if (code === "ENOTDIR") {
      throw new RunnerError("run_folder_invalid", `output path ${dir} is a file, not a folder`, {
        path: dir,
      });
    }
    throw error;
  }
  if (names.length === 0) return fresh;
  if (!options.resume) {
    throw new RunnerError(
      "run_folder_not_empty",
      `output folder ${dir} is not empty: resume the run in it, or choose an empty folder`,
      { path: dir },
    );
  }
  const previous = await readRunMetadata(join(dir, RUN_FOLDER_PATHS.metadata));
  if (previous === undefined) {
    throw new RunnerError(
      "run_folder_invalid",
      `cannot resume ${dir}: it is not a weft run folder (no metadata.json)`,
      {
        path: dir,
      },
    );
  }
  const ledger = join(dir, RUN_FOLDER_PATHS.ledger);
  const released = await releaseFailedItems(ledger, join(dir, RUN_FOLDER_PATHS.errors));
  const { committed, counts } = await readLedger(ledger);
  return { previous, committed, released, counts };
}
