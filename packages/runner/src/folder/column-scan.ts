import { createReadStream } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { dataFileIndexes } from "./rolling-jsonl.js";
import { dataFileName } from "./run-folder-format.js";

/** The type a column's values share: `json` when they mix types or are arrays or objects. */
export type ColumnType = "null" | "boolean" | "number" | "string" | "json";

function typeOf(value: unknown): ColumnType {
  if (value === null || value === undefined) return "null";
  if (typeof value === "boolean") return "boolean";
  if (typeof value === "number") return "number";
  if (typeof value === "string") return "string";
  return "json";
}

function join2(a: ColumnType, b: ColumnType): ColumnType {
  if (a === b || b === "null") return a;
  if (a === "null") return b;
  return "json";
}

/** Streams every object line of a directory's `NNN.jsonl` files, file by file, with the file's index. */
export async function* readDataLines(
  dir: string,
): AsyncGenerator<{ index: number; row: Record<string, unknown> }> {
  for (const index of await dataFileIndexes(dir)) {
    const lines = createInterface({ input: createReadStream(join(dir, dataFileName(index)), "utf8") });
    for await (const line of lines) {
      if (line !== "") yield { index, row: JSON.parse(line) as Record<string, unknown> };
    }
  }
}

/**
 * Every column of a directory's data files, in first-seen order, with the type its values share. `leading`
 * columns come first even when absent.
 */
export async function scanColumns(
  dir: string,
  leading: readonly string[] = [],
): Promise<Map<string, ColumnType>> {
  const columns = new Map<string, ColumnType>(leading.map((name) => [name, "null"]));
  for await (const { row } of readDataLines(dir)) {
    for (const [name, value] of Object.entries(row)) {
      columns.set(name, join2(columns.get(name) ?? "null", typeOf(value)));
    }
  }
  return columns;
}
