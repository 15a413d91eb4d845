import { randomUUID } from "node:crypto";
import { readFile, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { dataFileIndexes } from "./rolling-jsonl.js";
import { dataFileName } from "./run-folder-format.js";

/**
 * Makes a data directory hold committed items only, after a kill. Lines are written in commit order, so the
 * lines of uncommitted items, and a line cut short by the kill, form a suffix: files are repaired from the
 * last one back until a file with lines needs no change (an empty file, just rolled to when the kill came,
 * proves nothing about the files before it). A file left empty is removed. Returns the lines dropped.
 */
export async function repairDataDir(dir: string, isCommitted: (itemId: string) => boolean): Promise<number> {
  const indexes = await dataFileIndexes(dir);
  let dropped = 0;
  for (const index of indexes.reverse()) {
    const path = join(dir, dataFileName(index));
    const text = await readFile(path, "utf8");
    const complete = text.endsWith("\n") ? text : text.slice(0, text.lastIndexOf("\n") + 1);
    const lines = complete === "" ? [] : complete.slice(0, -1).split("\n");
    const kept = lines.filter((line) => {
      const id = itemIdOf(line);
      return id !== undefined && isCommitted(id);
    });
    const removed = lines.length - kept.length + (complete.length < text.length ? 1 : 0);
    if (removed === 0 && lines.length > 0) break;
    dropped += removed;
    if (kept.length === 0) await rm(path);
    else await replaceFile(path, `${kept.join("\n")}\n`);
  }
  return dropped;
}

/** The `item_id` of a data line, or `undefined` when the line is not a JSON object with one. */
export function itemIdOf(line: string): string | undefined {
  try {
    const value = JSON.parse(line) as { item_id?: unknown };
    return typeof value.item_id === "string" ? value.item_id : undefined;
  } catch {
    return undefined;
  }
}

/** Writes `text` to `path` through a temporary file and a rename, so a reader never sees half a file. */
export async function replaceFile(path: string, text: string): Promise<void> {
  const temporary = join(dirname(path), `.${randomUUID()}.tmp`);
  await writeFile(temporary, text);
  await rename(temporary, path);
}
