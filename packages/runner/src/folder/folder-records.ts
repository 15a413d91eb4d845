/**
 * The line formats of a run folder (format version 1). Field names are snake_case so the files read the
 * same from any language; every line is one JSON object.
 */

/** `outputs/NNN.jsonl`: one line per output row. */
export interface OutputRow {
  /** The item id, or `<item id>#<n>` (n from 0) when the run expands items into rows. */
  readonly row_id: string;
  readonly item_id: string;
  /** The entry's 1-based line in the input file (position for arrays and iterables). */
  readonly line: number;
  /** The entry as read from the dataset. */
  readonly input: unknown;
  readonly output: unknown;
}

/** Where an error happened: reading the entry (`input`) or running the module on it (`run`). */
export type ErrorStage = "input" | "run";

/** `errors/NNN.jsonl`: one line per item that produced no output. */
export interface ErrorRow {
  readonly item_id: string;
  readonly line: number;
  readonly stage: ErrorStage;
  /** The graph node that failed, for run errors when known; else `null`. */
  readonly node: string | null;
  /**
   * `invalid_json`, `invalid_csv`, `invalid_input`, `invalid_id`, `duplicate_id` for input errors; for run
   * errors a provider error kind (`rate_limit`, `timeout`, ...) or a weft error code.
   */
  readonly kind: string;
  readonly message: string;
  /** Field-level problems of an `invalid_input` entry. */
  readonly issues?: readonly { readonly path: string; readonly message: string }[];
  /** The entry as read, when it could be parsed. */
  readonly input?: unknown;
  /** The line's text, for entries that could not be parsed. */
  readonly text?: string;
}

/** `nodes/<node>/NNN.jsonl`: one node's output for one item. */
export interface NodeRow {
  readonly item_id: string;
  readonly output: unknown;
}

/** `flattened/NNN.jsonl`: `row_id`, `item_id`, then `input.<field>`, `output.<field>`, `<node>.<field>` columns. */
export type FlattenedRow = { readonly row_id: string; readonly item_id: string } & Readonly<
  Record<string, unknown>
>;

/** `state/items.jsonl`: one line per committed item, written after all of the item's lines. */
export interface LedgerEntry {
  readonly item_id: string;
  /** `ok`: the module ran; `error`: the run failed; `invalid`: the entry could not run. */
  readonly status: "ok" | "error" | "invalid";
  /** Output rows written (0 for a filtered item or an error). */
  readonly rows: number;
  readonly input_hash: string;
  readonly input_tokens?: number;
  readonly output_tokens?: number;
  readonly cost_usd?: number;
}
