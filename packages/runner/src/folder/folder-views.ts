import { join } from "node:path";
import { exportCsv } from "./export-csv.js";
import { exportParquet } from "./export-parquet.js";
import { RUN_FOLDER_PATHS } from "./run-folder-format.js";

/** Which views of the folder's JSONL files to write when a session ends. */
export interface FolderViews {
  /** `flattened/NNN.csv` and `errors/NNN.csv`. Default: false. */
  readonly csv?: boolean;
  /** `flattened/NNN.parquet`. Default: false. */
  readonly parquet?: boolean;
}

const ERROR_COLUMNS = ["item_id", "line", "stage", "node", "kind", "message"] as const;

/** Writes the CSV and Parquet views asked for, one file beside each JSONL file (format: design_docs/runner.md). */
export async function writeFolderViews(dir: string, views: FolderViews): Promise<void> {
  const flattened = join(dir, RUN_FOLDER_PATHS.flattened);
  if (views.csv) {
    await exportCsv(flattened, ["row_id", "item_id"]);
    await exportCsv(join(dir, RUN_FOLDER_PATHS.errors), [...ERROR_COLUMNS]);
  }
  if (views.parquet) await exportParquet(flattened, ["row_id", "item_id"]);
}
