import type { ModelPrice } from "./model-price.js";
import { BUILTIN_PRICES } from "./price-table.js";

// A dated snapshot or a moving alias of a base model: -2024-08-06, -20250514, -latest.
const SNAPSHOT_SUFFIX = /-(?:\d{4}-\d{2}-\d{2}|\d{8}|latest)$/;

function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/**
 * The price of `modelId`: from `overrides` first, then the built-in table; a dated snapshot id falls back to its
 * base model's row. `undefined` for a model nobody priced (its cost is then unknown, never 0).
 */
export function findPrice(
  modelId: string,
  overrides: Readonly<Record<string, ModelPrice>> = {},
): ModelPrice | undefined {
  const base = modelId.replace(SNAPSHOT_SUFFIX, "");
  return (
    own(overrides, modelId) ??
    own(overrides, base) ??
    own(BUILTIN_PRICES, modelId) ??
    own(BUILTIN_PRICES, base)
  );
}
