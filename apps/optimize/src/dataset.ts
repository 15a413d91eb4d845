import { readFileSync } from "node:fs";
import type { Example } from "@weft/optimization";

/** The bundled order notes, split into training, validation and held-out test examples. */
export interface OrderDataset {
  readonly train: readonly Example[];
  readonly validation: readonly Example[];
  readonly test: readonly Example[];
}

interface OrderRow {
  readonly note: string;
  readonly total: number;
}

/** Loads `data/orders.json` (40 notes: 16 / 12 / 12). */
export function loadOrders(): OrderDataset {
  const raw = JSON.parse(readFileSync(new URL("../data/orders.json", import.meta.url), "utf8")) as Record<
    "train" | "validation" | "test",
    OrderRow[]
  >;
  const examples = (rows: readonly OrderRow[]) => rows.map((row) => ({ input: row.note, target: row.total }));
  return { train: examples(raw.train), validation: examples(raw.validation), test: examples(raw.test) };
}
