import { mkdtemp, readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inputHash } from "../dataset/input-hash.js";
import type { FolderEntry } from "./folder-inputs.js";
import type { RunFolderOptions } from "./run-folder-options.js";

/** A fresh temporary directory path (not created). */
export async function tempFolder(): Promise<string> {
  return join(await mkdtemp(join(tmpdir(), "weft-run-")), "run");
}

/** Every JSON line of a data directory's `NNN.jsonl` files, in file order. */
export async function readRows(dir: string): Promise<Record<string, unknown>[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => name.endsWith(".jsonl")).sort();
  } catch {
    return [];
  }
  const rows: Record<string, unknown>[] = [];
  for (const name of names) {
    const text = await readFile(join(dir, name), "utf8");
    for (const line of text.split("\n"))
      if (line !== "") rows.push(JSON.parse(line) as Record<string, unknown>);
  }
  return rows;
}

/** The parsed `metadata.json` of a folder. */
export async function readMetadata(dir: string): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(join(dir, "metadata.json"), "utf8")) as Record<string, unknown>;
}

/** Options for a small JSONL-like run. */
export function folderOptions(overrides: Partial<RunFolderOptions> = {}): RunFolderOptions {
  return {
    graph: { nodes: [{ id: "upper" }] },
    graphHash: "hash-a",
    input: { kind: "array", entries: 12 },
    packages: { "@weft/runner": "0.0.0" },
    now: () => new Date("2025-01-02T03:04:05.000Z"),
    ...overrides,
  };
}

/** A successful entry for item `n` (input `{ n }`, output `{ up: "N<n>" }`). */
export function okEntry(n: number, extra: Partial<FolderEntry> = {}): FolderEntry {
  const input = { n };
  return {
    status: "ok",
    itemId: String(n),
    line: n,
    input,
    inputHash: inputHash(input),
    rows: [{ rowId: String(n), output: { up: `N${n}` } }],
    usage: { inputTokens: 10, outputTokens: 2, costUsd: 0.001 },
    ...extra,
  } as FolderEntry;
}
