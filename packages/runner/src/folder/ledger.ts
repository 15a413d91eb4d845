import { type FileHandle, mkdir, open, readFile, truncate } from "node:fs/promises";
import { dirname } from "node:path";
import type { LedgerEntry } from "./folder-records.js";

/** Counts and totals of committed items, as kept in `metadata.json`. */
export interface RunCounts {
  /** Every committed entry. */
  readonly items: number;
  /** Items the module ran on successfully. */
  readonly succeeded: number;
  /** Items whose run failed. */
  readonly failed: number;
  /** Entries that could not run (bad JSON or CSV, schema failure, bad id). */
  readonly invalid: number;
  /** Output rows written. */
  readonly rows: number;
  /** Successful items that produced no row. */
  readonly filtered: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly costUsd: number;
}

/** No items yet. */
export const EMPTY_COUNTS: RunCounts = {
  items: 0,
  succeeded: 0,
  failed: 0,
  invalid: 0,
  rows: 0,
  filtered: 0,
  inputTokens: 0,
  outputTokens: 0,
  costUsd: 0,
};

/** Adds one committed item to the counts. */
export function countEntry(counts: RunCounts, entry: LedgerEntry): RunCounts {
  return {
    items: counts.items + 1,
    succeeded: counts.succeeded + (entry.status === "ok" ? 1 : 0),
    failed: counts.failed + (entry.status === "error" ? 1 : 0),
    invalid: counts.invalid + (entry.status === "invalid" ? 1 : 0),
    rows: counts.rows + entry.rows,
    filtered: counts.filtered + (entry.status === "ok" && entry.rows === 0 ? 1 : 0),
    inputTokens: counts.inputTokens + (entry.input_tokens ?? 0),
    outputTokens: counts.outputTokens + (entry.output_tokens ?? 0),
    costUsd: counts.costUsd + (entry.cost_usd ?? 0),
  };
}

/** What a ledger says: each committed item's input hash, and the counts. */
export interface LedgerState {
  readonly committed: ReadonlyMap<string, string>;
  readonly counts: RunCounts;
}

/**
 * Reads `state/items.jsonl`, cutting off a last line the kill left incomplete (it was never committed).
 * A missing ledger is an empty one.
 */
export async function readLedger(path: string): Promise<LedgerState> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT")
      return { committed: new Map(), counts: EMPTY_COUNTS };
    throw error;
  }
  const end = text.lastIndexOf("\n") + 1;
  if (end < text.length) await truncate(path, Buffer.byteLength(text.slice(0, end)));
  const committed = new Map<string, string>();
  let counts = EMPTY_COUNTS;
  for (const line of text.slice(0, end).split("\n")) {
    if (line === "") continue;
    const entry = JSON.parse(line) as LedgerEntry;
    committed.set(entry.item_id, entry.input_hash);
    counts = countEntry(counts, entry);
  }
  return { committed, counts };
}

/** Appends ledger lines; each `append` is one write, after the items' data lines are written. */
export class LedgerWriter {
  private handle: FileHandle | undefined;

  constructor(private readonly path: string) {}

  async append(entries: readonly LedgerEntry[]): Promise<void> {
    if (entries.length === 0) return;
    if (!this.handle) {
      await mkdir(dirname(this.path), { recursive: true });
      this.handle = await open(this.path, "a");
    }
    await this.handle.write(`${entries.map((entry) => JSON.stringify(entry)).join("\n")}\n`);
  }

  async close(): Promise<void> {
    const handle = this.handle;
    this.handle = undefined;
    await handle?.close();
  }
}
