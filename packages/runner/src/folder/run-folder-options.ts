import type { DatasetDescription } from "../dataset/dataset.js";

/** Options of {@link RunFolder.open}. */
export interface RunFolderOptions {
  /**
   * Go on with the run already in the folder: its graph hash and inputs must match, committed items are
   * skipped, lines of items a kill left uncommitted are removed. On an empty or missing folder it starts a
   * new run. Default: false (the folder must be empty or missing).
   */
  readonly resume?: boolean;
  /** Written to `graph.json` as given (the traced graph's JSON). */
  readonly graph: unknown;
  /** The graph's structural hash: a resume with another hash is refused. */
  readonly graphHash: string;
  /** What the dataset is (from `Dataset.describe()`): a resume with another file content is refused. */
  readonly input: DatasetDescription;
  /** The dataset's id field. Default: none (line numbers). A resume with another id field is refused. */
  readonly idField?: string;
  /** The session's `limit`, recorded in the metadata. Default: none. */
  readonly limit?: number;
  /** The resource config with secrets removed (e.g. `describeResourceConfig(config)`). Default: none. */
  readonly resources?: unknown;
  /** Package versions to record. Default: `weftPackageVersions()`. */
  readonly packages?: Readonly<Record<string, string>>;
  /** The graph's node ids, for `nodes/<name>/` directories. Default: none. */
  readonly nodeIds?: readonly string[];
  /** Lines per data file before the next one starts. Default: 1000. A resumed folder keeps its own. */
  readonly maxLinesPerFile?: number;
  /** Write `nodes/<node>/` files and node columns in `flattened/`. Default: false. A resumed folder keeps its own. */
  readonly nodeOutputs?: boolean;
  /** Items expand into rows with ids `<item id>#<n>`. Default: false. A resume with another value is refused. */
  readonly expandRows?: boolean;
  /** Also write `flattened/NNN.csv` and `errors/NNN.csv` when the run ends. Default: false. */
  readonly csv?: boolean;
  /** Also write `flattened/NNN.parquet` when the run ends. Default: false. */
  readonly parquet?: boolean;
  /** Wall-clock time for `started_at` / `ended_at` and the run id. Default: `() => new Date()`. */
  readonly now?: () => Date;
  /** Entries buffered before `write` waits for the disk. Default: 256. */
  readonly highWaterMark?: number;
}
