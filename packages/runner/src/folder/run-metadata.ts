import { readFile } from "node:fs/promises";
import { RunnerError } from "../errors/runner-error.js";
import { EMPTY_COUNTS, type RunCounts } from "./ledger.js";
import { nodeDirNames } from "./node-dir-names.js";
import { RUN_FOLDER_FORMAT, RUN_FOLDER_VERSION } from "./run-folder-format.js";
import type { RunFolderOptions } from "./run-folder-options.js";

/** How a run ended; `running` while it goes on (or when it was killed). */
export type RunStatus = "running" | "completed" | "interrupted" | "failed";

/** Why a session stopped before reading every entry: its budget ran out, or it was interrupted (Ctrl-C). */
export type StopReason = "budget" | "signal";

/** `metadata.json` (format version 1). Written when the run starts and rewritten when it ends. */
export interface RunMetadata {
  readonly format: typeof RUN_FOLDER_FORMAT;
  readonly format_version: number;
  /** `YYYYMMDD-HHMMSS-<8 hex>`, kept across resumes. */
  readonly run_id: string;
  readonly status: RunStatus;
  /** Why the last session stopped early (status `interrupted`); `null` otherwise. Added in format 1. */
  readonly stopped_by?: StopReason | null;
  /** ISO 8601 wall-clock time the first session started. */
  readonly started_at: string;
  /** ISO 8601 time the last session ended; `null` while running. */
  readonly ended_at: string | null;
  /** Sessions that wrote to the folder: 1, plus one per resume. */
  readonly sessions: number;
  /** Versions of the weft packages that wrote it, by package name. */
  readonly weft: Readonly<Record<string, string>>;
  /** The traced graph's structural hash (the graph itself is `graph.json`). */
  readonly graph_hash: string;
  readonly input: {
    readonly kind: "jsonl" | "csv" | "array" | "iterable";
    readonly path: string | null;
    readonly bytes: number | null;
    readonly sha256: string | null;
    /** Entries in the source, when known before reading it. */
    readonly entries: number | null;
    readonly id_field: string | null;
    /** The `limit` of the last session, if any. */
    readonly limit: number | null;
  };
  /** The resource config with every secret removed; `null` when none was given. */
  readonly resources: unknown;
  readonly options: {
    readonly max_lines_per_file: number;
    readonly node_outputs: boolean;
    /** Whether the run expands items into several rows (row ids `<item id>#<n>`). */
    readonly expand_rows: boolean;
    readonly csv: boolean;
    readonly parquet: boolean;
  };
  /** Node id to directory name under `nodes/`. */
  readonly nodes: Readonly<Record<string, string>>;
  readonly counts: {
    readonly items: number;
    readonly succeeded: number;
    readonly failed: number;
    readonly invalid: number;
    readonly rows: number;
    readonly filtered: number;
  };
  readonly usage: {
    readonly input_tokens: number;
    readonly output_tokens: number;
    readonly total_tokens: number;
  };
  /** Sum of the committed items' costs in USD (calls with an unknown price count 0). */
  readonly cost_usd: number;
  /** Data files per directory (`nodes/<name>` for node outputs). */
  readonly files: Readonly<Record<string, number>>;
}

/** The `counts`, `usage` and `cost_usd` fields for {@link RunCounts}. */
export function countFields(counts: RunCounts): Pick<RunMetadata, "counts" | "usage" | "cost_usd"> {
  const { inputTokens, outputTokens, costUsd, ...items } = counts;
  return {
    counts: items,
    usage: {
      input_tokens: inputTokens,
      output_tokens: outputTokens,
      total_tokens: inputTokens + outputTokens,
    },
    cost_usd: Math.round(costUsd * 1e9) / 1e9,
  };
}

/**
 * Reads a run folder's `metadata.json`, checking that it is a weft run folder of a version this package
 * reads. Throws RunnerError `run_folder_invalid` otherwise; returns `undefined` when there is no metadata.
 */
export async function readRunMetadata(path: string): Promise<RunMetadata | undefined> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  let value: Partial<RunMetadata>;
  try {
    value = JSON.parse(text) as Partial<RunMetadata>;
  } catch (cause) {
    throw new RunnerError("run_folder_invalid", `${path} is not valid JSON`, { path, cause });
  }
  if (value.format !== RUN_FOLDER_FORMAT) {
    throw new RunnerError("run_folder_invalid", `${path} is not the metadata of a weft run folder`, { path });
  }
  if (value.format_version !== RUN_FOLDER_VERSION) {
    throw new RunnerError(
      "run_folder_invalid",
      `${path} has run folder format ${value.format_version}; this version of @weft/runner reads format ${RUN_FOLDER_VERSION}`,
      { path },
    );
  }
  return value as RunMetadata;
}

/** A run id: `YYYYMMDD-HHMMSS-<8 hex>` from a wall-clock date (UTC) and random hex. */
export function newRunId(date: Date, hex: string): string {
  const iso = date.toISOString();
  return `${iso.slice(0, 10).replaceAll("-", "")}-${iso.slice(11, 19).replaceAll(":", "")}-${hex.slice(0, 8)}`;
}

/** The metadata of a new run, before any item (status `running`). */
export function newRunMetadata(
  options: RunFolderOptions,
  maxLines: number,
  runId: string,
  started: Date,
): RunMetadata {
  const { input } = options;
  return {
    format: RUN_FOLDER_FORMAT,
    format_version: RUN_FOLDER_VERSION,
    run_id: runId,
    status: "running",
    stopped_by: null,
    started_at: started.toISOString(),
    ended_at: null,
    sessions: 1,
    weft: {},
    graph_hash: options.graphHash,
    input: {
      kind: input.kind,
      path: input.path ?? null,
      bytes: input.bytes ?? null,
      sha256: input.sha256 ?? null,
      entries: input.entries ?? null,
      id_field: options.idField ?? null,
      limit: null,
    },
    resources: null,
    options: {
      max_lines_per_file: maxLines,
      node_outputs: options.nodeOutputs ?? false,
      expand_rows: options.expandRows ?? false,
      csv: false,
      parquet: false,
    },
    nodes: Object.fromEntries(nodeDirNames(options.nodeIds ?? [])),
    ...countFields(EMPTY_COUNTS),
    files: {},
  };
}
