import type { ItemRow } from "../folder/folder-inputs.js";

/**
 * Turns one item's output into output rows (Chainette's Apply): return several values to expand the item,
 * one to keep it, or none to filter it out. Runs after the module, on plain data; it must not throw for a
 * valid output (a throw makes the item an error of kind `rows_failed`).
 */
export type RowsFunction<Output = unknown, Input = unknown> = (
  output: Output,
  input: Input,
) => readonly unknown[];

/** The id of row `index` of an expanded item: `<item id>#<index>`, index from 0. */
export function rowId(itemId: string, index: number): string {
  return `${itemId}#${index}`;
}

/** The outcome of making an item's rows. */
export type RowsResult =
  | { readonly ok: true; readonly rows: readonly ItemRow[] }
  | { readonly ok: false; readonly message: string };

/**
 * An item's rows: without a rows function, one row whose id is the item id; with one, a row per value it
 * returns, ids from {@link rowId}.
 */
export function itemRows(
  itemId: string,
  output: unknown,
  input: unknown,
  rows: RowsFunction | undefined,
): RowsResult {
  if (rows === undefined) return { ok: true, rows: [{ rowId: itemId, output }] };
  let values: unknown;
  try {
    values = rows(output, input);
  } catch (error) {
    return {
      ok: false,
      message: `the rows function threw: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  if (!Array.isArray(values)) {
    return {
      ok: false,
      message: `the rows function must return an array, got ${values === null ? "null" : typeof values}`,
    };
  }
  return { ok: true, rows: values.map((value, index) => ({ rowId: rowId(itemId, index), output: value })) };
}
