import { spawn } from "node:child_process";
import { once } from "node:events";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { RunFolder } from "./run-folder.js";
import { folderOptions, okEntry, readRows, tempFolder } from "./test-folder.js";

const root = fileURLToPath(new URL("../../../..", import.meta.url));
const child = fileURLToPath(new URL("./kill-child.fixture.ts", import.meta.url));

/** Starts the writer child and SIGKILLs it once it has reported `flushes` flushes. */
async function killAfter(dir: string, flushes: number): Promise<void> {
  const proc = spawn(process.execPath, ["--import", "tsx", child, dir], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let seen = 0;
  for await (const _line of createInterface({ input: proc.stdout })) {
    if (++seen === flushes) break;
  }
  proc.kill("SIGKILL");
  await once(proc, "exit");
}

describe("RunFolder after SIGKILL", () => {
  it("holds every item exactly once after kills and a resume", async () => {
    const dir = await tempFolder();
    await killAfter(dir, 2);
    await killAfter(dir, 3);

    const folder = await RunFolder.open(dir, folderOptions({ maxLinesPerFile: 7, resume: true }));
    const before = folder.resumedItems;
    expect(before).toBeGreaterThanOrEqual(120);
    const total = before + 50;
    for (let n = 1; n <= total; n++) {
      if (folder.stateOf(String(n), okEntry(n).inputHash) === "committed") continue;
      await folder.write(
        okEntry(n, {
          rows: [
            { rowId: `${n}#0`, output: "a" },
            { rowId: `${n}#1`, output: "b" },
          ],
        }),
      );
    }
    const metadata = await folder.close("completed");

    const expected = Array.from({ length: total }, (_, i) => [`${i + 1}#0`, `${i + 1}#1`]).flat();
    expect((await readRows(join(dir, "outputs"))).map((row) => row.row_id)).toEqual(expected);
    expect((await readRows(join(dir, "flattened"))).map((row) => row.row_id)).toEqual(expected);
    const ledger = (await readFile(join(dir, "state", "items.jsonl"), "utf8")).trim().split("\n");
    expect(ledger.map((line) => (JSON.parse(line) as { item_id: string }).item_id)).toEqual(
      Array.from({ length: total }, (_, i) => String(i + 1)),
    );
    expect(metadata).toMatchObject({ sessions: 3, counts: { items: total, rows: 2 * total } });
  });
});
