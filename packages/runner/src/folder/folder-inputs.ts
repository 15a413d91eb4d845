import type { InvalidEntry } from "../dataset/dataset-source.js";

/** Tokens and cost an item's calls used, as execution reports them. */
export interface ItemUsage {
  readonly inputTokens?: number;
  readonly outputTokens?: number;
  /** USD; `undefined` when a price is unknown. */
  readonly costUsd?: number;
}

/** One output row of an item: its id (see `rowIds`) and value. */
export interface ItemRow {
  readonly rowId: string;
  readonly output: unknown;
}

/** An item the module ran on: its rows (none for a filtered item) and, optionally, each node's output. */
export interface SucceededItem {
  readonly itemId: string;
  readonly line: number;
  /** The entry as read from the dataset. */
  readonly input: unknown;
  readonly inputHash: string;
  readonly rows: readonly ItemRow[];
  /** Each node's output by node id, written to `nodes/` and `flattened/` when node outputs are on. */
  readonly nodes?: Iterable<readonly [string, unknown]>;
  readonly usage?: ItemUsage;
}

/** An item whose run failed. */
export interface FailedItem {
  readonly itemId: string;
  readonly line: number;
  readonly input: unknown;
  readonly inputHash: string;
  /** The node that failed, when known. */
  readonly node?: string;
  /** A provider error kind or a weft error code. */
  readonly kind: string;
  readonly message: string;
  readonly usage?: ItemUsage;
}

/** What a run folder records for one dataset entry. */
export type FolderEntry =
  | ({ readonly status: "ok" } & SucceededItem)
  | ({ readonly status: "error" } & FailedItem)
  | ({ readonly status: "invalid" } & InvalidEntry);
