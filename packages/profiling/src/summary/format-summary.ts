import type { AliasAnalysis, CriticalPath, ProfileAnalysis } from "../analysis/analysis-types.js";
import { formatCount, formatMs, formatPercent, formatUsd } from "../format/format-units.js";

/** Options of {@link formatSummary}. */
export interface FormatSummaryOptions {
  /** Bubbles listed (longest first). Default: 5. */
  readonly maxBubbles?: number;
  /** Critical-path steps listed (longest wait plus duration first when cut). Default: 12. */
  readonly maxSteps?: number;
}

/**
 * A plain-text summary of an analysis for terminals: window and totals, a table per alias (capacity, utilization,
 * calls, attempts, 429s, queue and rate-limit wait versus service time, bubbles, tokens, cost), the longest
 * bubbles, and the longest critical path step by step.
 */
export function formatSummary(analysis: ProfileAnalysis, options: FormatSummaryOptions = {}): string {
  const { totals } = analysis;
  const lines = [
    `weft profile: ${formatMs(analysis.window.durationMs)} window, ${analysis.aliases.length} aliases, ` +
      `${formatCount(totals.calls)} calls (${formatCount(totals.failedCalls)} failed, ` +
      `${formatCount(totals.cachedCalls)} cached), ${formatCount(totals.attempts)} attempts`,
    `tokens ${formatCount(totals.inputTokens)} in / ${formatCount(totals.outputTokens)} out, cost ${formatUsd(totals.costUsd)}` +
      (totals.unpricedCalls > 0 ? ` (+${totals.unpricedCalls} unpriced)` : ""),
    `time in calls: service ${formatMs(totals.serviceMs)}, queue ${formatMs(totals.waits.queueMs)}, ` +
      `rate limit ${formatMs(totals.waits.rateLimitMs)}, backoff ${formatMs(totals.waits.retryBackoffMs)}, ` +
      `budget ${formatMs(totals.waits.budgetMs)}`,
  ];
  if (analysis.aliases.length > 0) {
    lines.push("", ...table(analysis.aliases.map(aliasRow), ALIAS_HEADER, "lrrrrrrrrrrr"));
  }
  const bubbles = [...analysis.aliases.flatMap((alias) => alias.bubbles)].sort(
    (a, b) => b.durationMs - a.durationMs,
  );
  const maxBubbles = options.maxBubbles ?? 5;
  if (bubbles.length > 0 && maxBubbles > 0) {
    lines.push("", `bubbles (${bubbles.length}, longest first):`);
    for (const bubble of bubbles.slice(0, maxBubbles)) {
      lines.push(
        `  ${bubble.alias}: ${formatMs(bubble.durationMs)} at ${formatMs(bubble.startMs)} (${bubble.cause})`,
      );
    }
  }
  const path = longest(analysis.criticalPaths);
  if (path) lines.push("", ...criticalPathLines(path, analysis.criticalPaths.length, options.maxSteps ?? 12));
  return `${lines.join("\n")}\n`;
}

const ALIAS_HEADER = [
  "alias",
  "cap",
  "util",
  "calls",
  "attempts",
  "429s",
  "queue",
  "rate limit",
  "service",
  "bubbles",
  "tokens",
  "cost",
];

function aliasRow(alias: AliasAnalysis): string[] {
  return [
    alias.alias,
    `${alias.capacity}${alias.capacitySource === "observed" ? "*" : ""}`,
    formatPercent(alias.utilization),
    formatCount(alias.calls.total + alias.calls.cached),
    formatCount(alias.attempts.total),
    formatCount(alias.rateLimitEvents),
    formatMs(alias.waits.queueMs),
    formatMs(alias.waits.rateLimitMs),
    formatMs(alias.busyMs),
    `${alias.bubbles.length} / ${formatMs(alias.bubbleMs)}`,
    formatCount(alias.inputTokens + alias.outputTokens),
    formatUsd(alias.costUsd),
  ];
}

/** Rows under a header, each column padded; `align` has an `l` or `r` per column. */
function table(rows: string[][], header: string[], align: string): string[] {
  const all = [header, ...rows];
  const widths = header.map((_, column) => Math.max(...all.map((row) => (row[column] ?? "").length)));
  const line = (row: string[]) =>
    row
      .map((cell, column) =>
        align[column] === "r" ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!),
      )
      .join("  ")
      .trimEnd();
  const rule = widths.map((width) => "-".repeat(width)).join("  ");
  const notes = rows.some((row) => row[1]?.endsWith("*"))
    ? ["* capacity observed (slots used), not configured"]
    : [];
  return [line(header), rule, ...rows.map(line), ...notes];
}

function longest(paths: readonly CriticalPath[]): CriticalPath | undefined {
  return paths.reduce<CriticalPath | undefined>(
    (best, path) => (!best || path.totalMs > best.totalMs ? path : best),
    undefined,
  );
}

function criticalPathLines(path: CriticalPath, count: number, maxSteps: number): string[] {
  const where = path.itemId === undefined ? `run ${path.runId}` : `run ${path.runId} item ${path.itemId}`;
  const lines = [
    `critical path (${where}${count > 1 ? `, longest of ${count}` : ""}): ${formatMs(path.totalMs)} over ${path.steps.length} nodes`,
  ];
  const shown = new Set(
    [...path.steps]
      .sort((a, b) => b.waitMs + b.durationMs - (a.waitMs + a.durationMs))
      .slice(0, Math.max(0, maxSteps)),
  );
  const rows = path.steps
    .filter((step) => shown.has(step))
    .map((step) => [
      step.nodeId,
      step.alias === undefined ? step.kind : `${step.kind}:${step.alias}`,
      formatMs(step.waitMs),
      formatMs(step.durationMs),
      step.calls
        ? `service ${formatMs(step.calls.serviceMs)}, waits ${formatMs(
            step.calls.waits.queueMs +
              step.calls.waits.rateLimitMs +
              step.calls.waits.retryBackoffMs +
              step.calls.waits.budgetMs,
          )}, ${step.calls.attempts} attempt${step.calls.attempts === 1 ? "" : "s"}`
        : "",
    ]);
  lines.push(
    ...table(rows, ["node", "kind", "wait", "duration", "calls"], "llrrl").map((line) => `  ${line}`),
  );
  if (shown.size < path.steps.length)
    lines.push(`  (${path.steps.length - shown.size} shorter steps not shown)`);
  return lines;
}
