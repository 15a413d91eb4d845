import { approxTokens, truncate } from "./text.js";

/** Limits on the feedback an optimizer puts in one parameter's prompt. */
export interface FeedbackBudget {
  /** Most items. Default: 16. */
  readonly maxItems?: number;
  /** Most tokens over all items (about 4 characters per token). Default: 2,000. */
  readonly maxTokens?: number;
  /** Most tokens of one item; longer items are cut. Default: 400. */
  readonly maxItemTokens?: number;
  /** Merge items that say the same thing (case, spacing and punctuation ignored). Default: true. */
  readonly dedupe?: boolean;
  /** Rounds of model aggregation before falling back to keeping the most repeated items. Default: 2. */
  readonly maxAggregationRounds?: number;
}

/** Feedback fitted into a {@link FeedbackBudget}. */
export interface BoundedFeedback {
  /** What goes in the prompt, in a stable order. */
  readonly items: readonly string[];
  /** Items received before bounding. */
  readonly received: number;
  /** Duplicates merged into another item (which then says how often it was reported). */
  readonly merged: number;
  /** Items summarised by the aggregator. */
  readonly aggregated: number;
  /** Items left out to fit the budget. */
  readonly dropped: number;
}

/** Summarises several feedback items into one (an aggregator model call). */
export type Aggregate = (items: readonly string[]) => Promise<string>;

function key(item: string): string {
  return item
    .toLowerCase()
    .replaceAll(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

function tokens(items: readonly string[]): number {
  return items.reduce((sum, item) => sum + approxTokens(item), 0);
}

function chunks(items: readonly string[], maxItems: number, maxTokens: number): string[][] {
  const out: string[][] = [];
  let current: string[] = [];
  for (const item of items) {
    if (current.length > 0 && (current.length >= maxItems || tokens([...current, item]) > maxTokens)) {
      out.push(current);
      current = [];
    }
    current.push(item);
  }
  if (current.length > 0) out.push(current);
  return out;
}

/**
 * Fits feedback into a budget so an optimizer's prompt never grows with the number of samples (TextGrad users
 * hit a 1.8-million-character prompt): items are trimmed, duplicates merged (the kept item says how often it
 * was reported), long items cut, then, while there are too many items or tokens, `aggregate` summarises chunks
 * of them concurrently (up to `maxAggregationRounds` rounds); whatever still does not fit is dropped, keeping
 * the most reported items first. Deterministic for deterministic input and aggregator.
 */
export async function boundFeedback(
  raw: readonly string[],
  budget: FeedbackBudget = {},
  aggregate?: Aggregate,
): Promise<BoundedFeedback> {
  const maxItems = budget.maxItems ?? 16;
  const maxTokens = budget.maxTokens ?? 2_000;
  const maxItemChars = (budget.maxItemTokens ?? 400) * 4;
  const counts = new Map<string, { text: string; count: number; first: number }>();
  const trimmed = raw.map((item) => item.trim()).filter((item) => item !== "");
  let merged = 0;
  trimmed.forEach((text, index) => {
    const k = budget.dedupe === false ? `${index}` : key(text);
    const seen = counts.get(k);
    if (seen) {
      seen.count++;
      merged++;
    } else counts.set(k, { text, count: 1, first: index });
  });
  const entries = [...counts.values()];
  let items = entries.map(({ text, count }) =>
    truncate(count > 1 ? `${text} (reported ${count} times)` : text, maxItemChars),
  );
  const fits = (list: readonly string[]) => list.length <= maxItems && tokens(list) <= maxTokens;
  let aggregated = 0;
  for (let round = 0; aggregate && !fits(items) && round < (budget.maxAggregationRounds ?? 2); round++) {
    const groups = chunks(
      items,
      Math.max(2, Math.ceil(items.length / maxItems) + 1),
      Math.floor(maxTokens / 2),
    );
    const summaries = await Promise.all(
      groups.map((group) => (group.length > 1 ? aggregate(group) : (group[0] ?? ""))),
    );
    aggregated += groups.filter((group) => group.length > 1).reduce((sum, group) => sum + group.length, 0);
    items = summaries
      .map((summary) => truncate(summary.trim(), maxItemChars))
      .filter((summary) => summary !== "");
  }
  let dropped = 0;
  if (!fits(items)) {
    const ranked =
      aggregated > 0
        ? items.map((text, index) => ({ text, index, count: 1 }))
        : entries.map((entry, index) => ({ text: items[index] as string, index, count: entry.count }));
    ranked.sort((a, b) => b.count - a.count || a.index - b.index);
    const kept: typeof ranked = [];
    for (const entry of ranked) {
      if (kept.length < maxItems && tokens([...kept.map((k) => k.text), entry.text]) <= maxTokens)
        kept.push(entry);
    }
    dropped = items.length - kept.length;
    items = kept.sort((a, b) => a.index - b.index).map((entry) => entry.text);
  }
  return { items, received: raw.length, merged, aggregated, dropped };
}
