import { type FileHandle, mkdir, open, readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { dataFileIndex, dataFileName } from "./run-folder-format.js";

/**
 * Appends lines to `NNN.jsonl` files in one directory, starting the next file every `maxLines` lines.
 * Lines are written in order with one `write` per file per call; the directory and files appear on the first
 * line, so a data kind that never gets a line leaves no empty file behind.
 */
export class RollingJsonl {
  private handle: FileHandle | undefined;

  private constructor(
    readonly dir: string,
    private readonly maxLines: number,
    private index: number,
    private linesInFile: number,
  ) {}

  /** A writer for a directory with no files yet. */
  static fresh(dir: string, maxLines: number): RollingJsonl {
    return new RollingJsonl(dir, maxLines, 0, 0);
  }

  /** A writer that goes on after the files already in `dir` (appending to the last one until it is full). */
  static async resume(dir: string, maxLines: number): Promise<RollingJsonl> {
    const indexes = await dataFileIndexes(dir);
    const last = indexes.at(-1);
    if (last === undefined) return RollingJsonl.fresh(dir, maxLines);
    const text = await readFile(join(dir, dataFileName(last)), "utf8");
    return new RollingJsonl(dir, maxLines, last, countLines(text));
  }

  /** Data files written so far (or found when resuming). */
  get fileCount(): number {
    return this.index + (this.linesInFile > 0 ? 1 : 0);
  }

  /** Appends complete lines (each without its newline). */
  async append(lines: readonly string[]): Promise<void> {
    let start = 0;
    while (start < lines.length) {
      if (this.linesInFile >= this.maxLines) await this.roll();
      const take = Math.min(this.maxLines - this.linesInFile, lines.length - start);
      const handle = await this.current();
      await handle.write(`${lines.slice(start, start + take).join("\n")}\n`);
      this.linesInFile += take;
      start += take;
    }
  }

  async close(): Promise<void> {
    const handle = this.handle;
    this.handle = undefined;
    await handle?.close();
  }

  private async current(): Promise<FileHandle> {
    if (this.handle) return this.handle;
    await mkdir(this.dir, { recursive: true });
    this.handle = await open(join(this.dir, dataFileName(this.index)), "a");
    return this.handle;
  }

  private async roll(): Promise<void> {
    await this.close();
    this.index++;
    this.linesInFile = 0;
  }
}

/** The indexes of the `NNN.jsonl` files in `dir`, ascending; none when `dir` does not exist. */
export async function dataFileIndexes(dir: string, extension = "jsonl"): Promise<number[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  return names
    .map((name) => dataFileIndex(name, extension))
    .filter((index): index is number => index !== undefined)
    .sort((a, b) => a - b);
}

function countLines(text: string): number {
  let count = 0;
  for (let at = text.indexOf("\n"); at !== -1; at = text.indexOf("\n", at + 1)) count++;
  return count;
}
