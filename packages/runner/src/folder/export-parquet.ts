import { join } from "node:path";
import { parquetWriteFile } from "hyparquet-writer";
import { type ColumnType, readDataLines, scanColumns } from "./column-scan.js";
import { dataFileName } from "./run-folder-format.js";

const PARQUET_TYPES: Readonly<Record<ColumnType, "BOOLEAN" | "DOUBLE" | "STRING" | "JSON">> = {
  null: "STRING",
  boolean: "BOOLEAN",
  number: "DOUBLE",
  string: "STRING",
  json: "JSON",
};

/**
 * Writes `NNN.parquet` beside each `NNN.jsonl` of `dir` through `hyparquet-writer` (pure JavaScript, no
 * native code). Every file has the same schema: booleans, numbers (DOUBLE) and strings keep their type; a
 * column whose values mix types, or hold arrays or objects, is a JSON column; every column is nullable.
 * One file's rows are held in memory at a time. Returns the files written.
 */
export async function exportParquet(dir: string, leading: readonly string[]): Promise<number> {
  const columns = [...(await scanColumns(dir, leading))];
  let rows: Record<string, unknown>[] = [];
  let current = -1;
  let files = 0;
  const flush = () => {
    if (current < 0) return;
    parquetWriteFile({
      filename: join(dir, dataFileName(current, "parquet")),
      columnData: columns.map(([name, type]) => ({
        name,
        type: PARQUET_TYPES[type],
        data: rows.map((row) => row[name] ?? null),
      })),
      createdBy: "@weft/runner",
    });
    files++;
  };
  for await (const { index, row } of readDataLines(dir)) {
    if (index !== current) {
      flush();
      rows = [];
      current = index;
    }
    rows.push(row);
  }
  flush();
  return files;
}
