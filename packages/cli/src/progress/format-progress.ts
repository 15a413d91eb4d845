import type { ProgressSnapshot } from "@weft/runner";
import { formatCount, formatDuration, formatUsd } from "./format-numbers.js";

function itemsLine(s: ProgressSnapshot): string {
  const finished = s.resumed + s.done;
  const share = s.total === undefined || s.total === 0 ? "" : ` ${Math.floor((finished / s.total) * 100)}%`;
  const items = s.total === undefined ? `items ${finished}` : `items ${finished}/${s.total}${share}`;
  const resumed = s.resumed > 0 ? ` (${s.resumed} resumed)` : "";
  const eta = s.etaMs === undefined ? "" : `  eta ${formatDuration(s.etaMs)}`;
  return `${items}${resumed}  ok ${s.succeeded}  failed ${s.failed}  rows ${s.rows}  elapsed ${formatDuration(s.elapsedMs)}${eta}`;
}

function callsLine(s: ProgressSnapshot): string {
  const tokens = `tokens ${formatCount(s.inputTokens)} in, ${formatCount(s.outputTokens)} out`;
  return `calls ${s.calls}  ${s.callsPerSecond.toFixed(1)}/s  ${tokens}  cost ${formatUsd(s.costUsd)}`;
}

function inFlightLine(s: ProgressSnapshot): string {
  const aliases = Object.entries(s.inFlight).sort(([a], [b]) => a.localeCompare(b));
  return `in flight  ${aliases.length === 0 ? "none" : aliases.map(([alias, n]) => `${alias} ${n}`).join("  ")}`;
}

/**
 * The live display's lines: items (done of total, ok, failed, rows, elapsed, ETA), calls (count, per second,
 * tokens, cost) and calls in flight per alias, each cut to `width` characters.
 */
export function formatProgress(snapshot: ProgressSnapshot, width = 80): string[] {
  return [itemsLine(snapshot), callsLine(snapshot), inFlightLine(snapshot)].map((line) =>
    line.length > width ? `${line.slice(0, Math.max(1, width - 1))}…` : line,
  );
}
