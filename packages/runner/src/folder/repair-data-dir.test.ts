import { mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repairDataDir } from "./repair-data-dir.js";
import { dataFileName } from "./run-folder-format.js";

const line = (itemId: string, rowId: string) => JSON.stringify({ item_id: itemId, row_id: rowId });

describe("repairDataDir", () => {
  it("looks past an empty file the writer had just rolled to and drops the uncommitted lines before it", async () => {
    const dir = await mkdtemp(join(tmpdir(), "weft-repair-"));
    await writeFile(join(dir, dataFileName(0)), `${line("80", "80#0")}\n${line("80", "80#1")}\n`);
    await writeFile(join(dir, dataFileName(1)), `${line("81", "81#0")}\n`);
    await writeFile(join(dir, dataFileName(2)), "");
    const dropped = await repairDataDir(dir, (id) => id === "80");
    expect(dropped).toBe(1);
    expect((await readdir(dir)).sort()).toEqual([dataFileName(0)]);
    expect(await readFile(join(dir, dataFileName(0)), "utf8")).toContain("80#1");
  });

  it("stops at the first file whose lines are all committed", async () => {
    const dir = await mkdtemp(join(tmpdir(), "weft-repair-"));
    await writeFile(join(dir, dataFileName(0)), `${line("1", "1#0")}\n`);
    await writeFile(
      join(dir, dataFileName(1)),
      `${line("2", "2#0")}\n${line("3", "3#0")}\n{"item_id":"3","ro`,
    );
    expect(await repairDataDir(dir, (id) => id !== "3")).toBe(2);
    expect(await readFile(join(dir, dataFileName(1)), "utf8")).toBe(`${line("2", "2#0")}\n`);
  });
});
