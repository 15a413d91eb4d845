import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readFolderRows } from "./read-folder-rows.js";
import { tempFolder } from "./test-folder.js";

async function collect(folder: string, dir: string): Promise<unknown[]> {
  const rows: unknown[] = [];
  for await (const row of readFolderRows(folder, dir)) rows.push(row);
  return rows;
}

describe("readFolderRows", () => {
  it("reads data files in numeric order (1000 after 999), skips blank and torn lines and other files", async () => {
    const folder = await tempFolder();
    const dir = join(folder, "outputs");
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, "1000.jsonl"), '{"n":4}\n');
    await writeFile(join(dir, "000.jsonl"), '{"n":1}\n\n{"n":2}\n');
    await writeFile(join(dir, "999.jsonl"), '{"n":3}\n{"n":');
    await writeFile(join(dir, "000.csv"), "n\n9\n");
    expect(await collect(folder, "outputs")).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }, { n: 4 }]);
  });

  it("a missing directory has no rows", async () => {
    expect(await collect(await tempFolder(), "errors")).toEqual([]);
  });
});
