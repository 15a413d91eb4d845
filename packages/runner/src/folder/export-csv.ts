import { once } from "node:events";
import { createWriteStream, type WriteStream } from "node:fs";
import { join } from "node:path";
import { readDataLines, scanColumns } from "./column-scan.js";
import { dataFileName } from "./run-folder-format.js";

/** One CSV field: empty for null, JSON for arrays and objects, quoted when it holds `,`, `"` or a line break. */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return "";
  const text = typeof value === "object" ? JSON.stringify(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

async function write(stream: WriteStream, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, "drain");
}

async function end(stream: WriteStream): Promise<void> {
  stream.end();
  await once(stream, "finish");
}

/**
 * Writes `NNN.csv` beside each `NNN.jsonl` of `dir`, row for row. Every file has the same header: the
 * `leading` columns, then every other column in first-seen order. Returns the files written.
 */
export async function exportCsv(dir: string, leading: readonly string[]): Promise<number> {
  const columns = [...(await scanColumns(dir, leading)).keys()];
  const header = `${columns.map(csvField).join(",")}\n`;
  let stream: WriteStream | undefined;
  let current = -1;
  let files = 0;
  for await (const { index, row } of readDataLines(dir)) {
    if (index !== current) {
      if (stream) await end(stream);
      stream = createWriteStream(join(dir, dataFileName(index, "csv")));
      current = index;
      files++;
      await write(stream, header);
    }
    await write(stream as WriteStream, `${columns.map((name) => csvField(row[name])).join(",")}\n`);
  }
  if (stream) await end(stream);
  return files;
}
