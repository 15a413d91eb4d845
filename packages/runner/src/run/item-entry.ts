import { unwrap } from "@weft/core";
import type { BatchItem } from "@weft/execution";
import type { DatasetItem } from "../dataset/dataset-source.js";
import type { FolderEntry, ItemUsage } from "../folder/folder-inputs.js";
import { itemRows, type RowsFunction } from "../rows/item-rows.js";
import { errorInOutput, errorKind, errorMessage } from "./error-kind.js";

/** How an item's result becomes its run folder entry. */
export interface EntryOptions {
  /** Expands or filters the output into rows. Default: one row, the output. */
  readonly rows?: RowsFunction;
  /** Node ids whose outputs are written to `nodes/` (they need the run's record mode). Default: none. */
  readonly nodeIds?: readonly string[];
}

function usageOf(item: BatchItem): ItemUsage | undefined {
  const result = item.result;
  if (!result) return undefined;
  return {
    ...(result.usage.inputTokens === undefined ? {} : { inputTokens: result.usage.inputTokens }),
    ...(result.usage.outputTokens === undefined ? {} : { outputTokens: result.usage.outputTokens }),
    costUsd: result.costUsd,
  };
}

function nodeOutputs(item: BatchItem, ids: readonly string[]): [string, unknown][] | undefined {
  const outputs = item.result?.record?.nodeOutputs;
  if (!outputs || ids.length === 0) return undefined;
  const found: [string, unknown][] = [];
  for (const id of ids) {
    const value = outputs.get(id);
    if (value !== undefined) found.push([id, unwrap(value)]);
  }
  return found;
}

/**
 * The run folder entry of an item the module ran on: `ok` with its rows (and node outputs), or `error` with
 * the failed node, the error kind and message. An item counts as failed when a node failed, when it could not
 * run, or when its output holds an error (an output node that was cancelled or skipped); a rows function that
 * throws makes it an error of kind `rows_failed`.
 */
export function itemEntry(record: DatasetItem, item: BatchItem, options: EntryOptions = {}): FolderEntry {
  const base = { itemId: record.id, line: record.line, input: record.raw, inputHash: record.inputHash };
  const usage = usageOf(item);
  const withUsage = usage ? { usage } : {};
  const failure = item.result?.errors[0];
  const error = item.error ?? errorInOutput(item.output);
  if (error !== undefined) {
    const node = failure?.nodeId;
    return {
      status: "error",
      ...base,
      ...(node === undefined ? {} : { node }),
      kind: errorKind(error),
      message: errorMessage(error),
      ...withUsage,
    };
  }
  const rows = itemRows(record.id, item.output, record.input, options.rows);
  if (!rows.ok) return { status: "error", ...base, kind: "rows_failed", message: rows.message, ...withUsage };
  const nodes = nodeOutputs(item, options.nodeIds ?? []);
  return { status: "ok", ...base, rows: rows.rows, ...(nodes ? { nodes } : {}), ...withUsage };
}
