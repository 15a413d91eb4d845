import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { ErrorRow, LedgerEntry } from "./folder-records.js";
import { replaceFile } from "./repair-data-dir.js";
import { dataFileIndexes } from "./rolling-jsonl.js";
import { dataFileName } from "./run-folder-format.js";

/**
 * Makes the items whose run failed (ledger status `error`) uncommitted again, so that a resume runs them again
 * (from the nodes the execution layer checkpointed). Their `stage: "run"` lines leave `errors/` first, then
 * their entries leave the ledger: a kill between the two steps leaves lines that the next resume removes again.
 * Input errors stay committed. Returns the released ids with their input hashes.
 */
export async function releaseFailedItems(
  ledgerPath: string,
  errorsDir: string,
): Promise<Map<string, string>> {
  let text: string;
  try {
    text = await readFile(ledgerPath, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return new Map();
    throw error;
  }
  const complete = text.slice(0, text.lastIndexOf("\n") + 1);
  const kept: string[] = [];
  const released = new Map<string, string>();
  for (const line of complete.split("\n")) {
    if (line === "") continue;
    const entry = JSON.parse(line) as LedgerEntry;
    if (entry.status === "error") released.set(entry.item_id, entry.input_hash);
    else kept.push(line);
  }
  if (released.size === 0) return released;
  for (const index of await dataFileIndexes(errorsDir)) {
    const path = join(errorsDir, dataFileName(index));
    const lines = (await readFile(path, "utf8")).split("\n").filter((line) => line !== "");
    const remaining = lines.filter((line) => {
      const row = JSON.parse(line) as ErrorRow;
      return !(row.stage === "run" && released.has(row.item_id));
    });
    if (remaining.length < lines.length) {
      await replaceFile(path, remaining.length === 0 ? "" : `${remaining.join("\n")}\n`);
    }
  }
  await replaceFile(ledgerPath, kept.length === 0 ? "" : `${kept.join("\n")}\n`);
  return released;
}
