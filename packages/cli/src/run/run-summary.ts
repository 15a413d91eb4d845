import type { RunDatasetResult } from "@weft/runner";
import { formatCount, formatDuration, formatUsd } from "../progress/format-numbers.js";

/** The lines `weft run` ends with: what happened this session, the run's totals, and where the folder is. */
export function runSummary(result: RunDatasetResult, budgetUsd: number | undefined): string[] {
  const { session, metadata } = result;
  const counts = metadata.counts;
  const headline =
    result.status === "completed"
      ? `run completed in ${formatDuration(result.durationMs)}`
      : result.stoppedBy === "budget"
        ? `run stopped in ${formatDuration(result.durationMs)}: the budget${budgetUsd === undefined ? "" : ` of ${formatUsd(budgetUsd)}`} is spent`
        : `run interrupted after ${formatDuration(result.durationMs)}`;
  const skipped = session.skipped > 0 ? `, ${session.skipped} done before` : "";
  const lines = [
    `${headline}: ${session.written} items this session (${session.succeeded} ok, ${session.failed} failed, ${session.invalid} invalid${skipped})`,
    `run totals: ${counts.items} items, ${counts.succeeded} ok, ${counts.failed} failed, ${counts.invalid} invalid, ${counts.rows} rows` +
      `; tokens ${formatCount(metadata.usage.input_tokens)} in, ${formatCount(metadata.usage.output_tokens)} out; cost ${formatUsd(metadata.cost_usd)}`,
    `run folder: ${result.dir}`,
  ];
  if (counts.failed + counts.invalid > 0) lines.push(`errors: ${result.dir}/errors/`);
  if (result.tracePath) lines.push(`trace: ${result.tracePath}`);
  if (result.status === "interrupted") {
    lines.push(
      result.stoppedBy === "budget"
        ? "go on with --resume and a larger --budget-usd"
        : "go on with the same command and --resume",
    );
  }
  return lines;
}

/** `weft run`'s exit code: 0 when every entry was handled (item errors included), 1 when the budget stopped it, 130 when interrupted. */
export function runExitCode(result: RunDatasetResult): number {
  if (result.status === "completed") return 0;
  return result.stoppedBy === "signal" ? 130 : 1;
}
