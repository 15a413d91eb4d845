import { flattenRow } from "./flatten-row.js";
import type { FolderEntry, ItemUsage } from "./folder-inputs.js";
import type { ErrorRow, LedgerEntry, NodeRow, OutputRow } from "./folder-records.js";
import { RUN_FOLDER_PATHS } from "./run-folder-format.js";

/** The lines one entry adds, by data directory (relative to the run folder), and its ledger entry. */
export interface EntryLines {
  readonly data: ReadonlyMap<string, readonly string[]>;
  readonly ledger: LedgerEntry;
}

function errorRow(entry: FolderEntry): ErrorRow {
  if (entry.status === "invalid") {
    return {
      item_id: entry.id,
      line: entry.line,
      stage: "input",
      node: null,
      kind: entry.reason,
      message: entry.message,
      ...(entry.issues === undefined ? {} : { issues: entry.issues }),
      ...(entry.raw === undefined ? {} : { input: entry.raw }),
      ...(entry.text === undefined ? {} : { text: entry.text }),
    };
  }
  if (entry.status !== "error") throw new Error("not an error entry");
  return {
    item_id: entry.itemId,
    line: entry.line,
    stage: "run",
    node: entry.node ?? null,
    kind: entry.kind,
    message: entry.message,
    input: entry.input,
  };
}

/**
 * Serializes one entry: output rows, flattened rows and node rows for a success, one error row otherwise,
 * and the ledger line that commits it. `nodeDirs` maps node ids to directories under `nodes/` (empty when
 * node outputs are off).
 */
export function entryLines(entry: FolderEntry, nodeDirs: ReadonlyMap<string, string>): EntryLines {
  const data = new Map<string, string[]>();
  const add = (dir: string, value: unknown) => {
    const lines = data.get(dir);
    if (lines) lines.push(JSON.stringify(value));
    else data.set(dir, [JSON.stringify(value)]);
  };
  if (entry.status !== "ok") {
    const row = errorRow(entry);
    add(RUN_FOLDER_PATHS.errors, row);
    return {
      data,
      ledger: {
        item_id: row.item_id,
        status: entry.status,
        rows: 0,
        input_hash: entry.inputHash,
        ...usageFields(entry.status === "error" ? entry.usage : undefined),
      },
    };
  }
  const nodes = nodeDirs.size === 0 ? [] : [...(entry.nodes ?? [])];
  for (const row of entry.rows) {
    const output: OutputRow = {
      row_id: row.rowId,
      item_id: entry.itemId,
      line: entry.line,
      input: entry.input,
      output: row.output ?? null,
    };
    add(RUN_FOLDER_PATHS.outputs, output);
    add(RUN_FOLDER_PATHS.flattened, flattenRow(row.rowId, entry.itemId, entry.input, row.output, nodes));
  }
  for (const [nodeId, value] of nodes) {
    const dir = nodeDirs.get(nodeId);
    if (dir === undefined) continue;
    const nodeRow: NodeRow = { item_id: entry.itemId, output: value ?? null };
    add(`${RUN_FOLDER_PATHS.nodes}/${dir}`, nodeRow);
  }
  return {
    data,
    ledger: {
      item_id: entry.itemId,
      status: "ok",
      rows: entry.rows.length,
      input_hash: entry.inputHash,
      ...usageFields(entry.usage),
    },
  };
}

function usageFields(usage: ItemUsage | undefined) {
  if (usage === undefined) return {};
  return {
    ...(usage.inputTokens === undefined ? {} : { input_tokens: usage.inputTokens }),
    ...(usage.outputTokens === undefined ? {} : { output_tokens: usage.outputTokens }),
    ...(usage.costUsd === undefined ? {} : { cost_usd: usage.costUsd }),
  };
}
