import { createReadStream } from "node:fs";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { RunnerError } from "../errors/runner-error.js";
import { dataFileIndex } from "./run-folder-format.js";

/**
 * The lines of one data directory of a run folder (`outputs`, `errors`, `flattened`, `nodes/<name>`), parsed,
 * file by file in numeric order, streamed (one file open at a time). A missing directory has no lines. A line
 * that is not JSON (a torn last line after a kill, before any resume repaired it) is skipped.
 *
 * @example
 * ```ts
 * for await (const row of readFolderRows<OutputRow>("runs/today", "outputs")) console.log(row.item_id);
 * ```
 */
export async function* readFolderRows<Row = Record<string, unknown>>(
  folder: string,
  dir: string,
): AsyncGenerator<Row> {
  const path = join(folder, dir);
  let names: string[];
  try {
    names = await readdir(path);
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === "ENOENT") return;
    throw new RunnerError("run_folder_invalid", `cannot read ${path}`, { path, cause });
  }
  const files = names
    .map((name) => ({ name, index: dataFileIndex(name) }))
    .filter((file): file is { name: string; index: number } => file.index !== undefined)
    .sort((a, b) => a.index - b.index);
  for (const file of files) {
    const lines = createInterface({ input: createReadStream(join(path, file.name)), crlfDelay: Infinity });
    for await (const line of lines) {
      if (line === "") continue;
      try {
        yield JSON.parse(line) as Row;
      } catch {
        // A torn last line: never committed.
      }
    }
  }
}
