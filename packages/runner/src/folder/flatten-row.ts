import type { FlattenedRow } from "./folder-records.js";

const RESERVED = new Set(["row_id", "item_id", "input", "output"]);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Adds `prefix.<field>` for each field of an object, or `prefix` for any other value (`undefined` as `null`). */
function addColumns(row: Record<string, unknown>, prefix: string, value: unknown): void {
  if (!isPlainObject(value)) {
    row[prefix] = value ?? null;
    return;
  }
  for (const [field, member] of Object.entries(value)) row[`${prefix}.${field}`] = member ?? null;
}

/** The column prefix of a node: its id, or `node:<id>` when the id is a reserved column name. */
export function nodeColumnPrefix(nodeId: string): string {
  return RESERVED.has(nodeId) ? `node:${nodeId}` : nodeId;
}

/**
 * One flattened row: `row_id`, `item_id`, then the input's, the row output's and each node's fields one
 * level deep as `input.<field>`, `output.<field>` and `<node>.<field>` (a value that is not an object is a
 * single `input` / `output` / `<node>` column). Deeper values stay JSON values.
 */
export function flattenRow(
  rowId: string,
  itemId: string,
  input: unknown,
  output: unknown,
  nodes: Iterable<readonly [string, unknown]> = [],
): FlattenedRow {
  const row: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  row.row_id = rowId;
  row.item_id = itemId;
  addColumns(row, "input", input);
  addColumns(row, "output", output);
  for (const [nodeId, value] of nodes) addColumns(row, nodeColumnPrefix(nodeId), value);
  return row as FlattenedRow;
}
