/** The `format` field of every weft run folder's `metadata.json`. */
export const RUN_FOLDER_FORMAT = "weft.run-folder";

/**
 * The version of the run folder layout this package writes and reads (design_docs/runner.md). A reader
 * accepts folders of its own major version; a change that breaks readers bumps it.
 */
export const RUN_FOLDER_VERSION = 1;

/** Paths inside a run folder, relative to its root. */
export const RUN_FOLDER_PATHS = {
  graph: "graph.json",
  metadata: "metadata.json",
  trace: "trace.json",
  outputs: "outputs",
  errors: "errors",
  flattened: "flattened",
  nodes: "nodes",
  /** The append-only ledger of committed items: the truth about what is done while a run is going on. */
  ledger: "state/items.jsonl",
  /** Where the execution layer keeps its checkpoint log. */
  checkpoint: "state/checkpoint",
} as const;

/** Default number of lines per data file before the next file starts. */
export const DEFAULT_MAX_LINES_PER_FILE = 1000;

/** `000.jsonl`, `001.jsonl`, ... `999.jsonl`, `1000.jsonl`: the name of the `index`th data file. */
export function dataFileName(index: number, extension = "jsonl"): string {
  return `${String(index).padStart(3, "0")}.${extension}`;
}

/** The index of a data file name (`"007.jsonl"` gives 7), or `undefined` for other names. */
export function dataFileIndex(name: string, extension = "jsonl"): number | undefined {
  const match = new RegExp(`^(\\d{3,})\\.${extension}$`).exec(name);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}
