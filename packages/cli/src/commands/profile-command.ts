import { resolve } from "node:path";
import { analyzeTraceFile, formatSummary, readTraceFile, writeHtmlTimeline } from "@weft/profiling";
import { parseFlags, requirePositional, stringFlag } from "../args/parse-flags.js";
import type { CliIO } from "../cli-io.js";
import { requireFile } from "../pipeline/load-pipeline.js";

/** Usage line of `weft profile`. */
export const PROFILE_USAGE = "weft profile <trace.json> [--html <out.html>]";

/**
 * `weft profile <trace.json> [--html <out.html>]`: the analysis summary of a trace written by `weft run --profile`
 * (per-alias utilization, bubbles, waits, tokens and cost, the critical path), and with `--html` the
 * self-contained HTML timeline. An unreadable or malformed trace is a user error (exit code 2).
 */
export async function profileCommand(argv: readonly string[], io: CliIO): Promise<number> {
  const parsed = parseFlags("profile", argv, { html: { type: "string" } }, 1);
  const shown = requirePositional("profile", parsed, 0, "<trace.json>");
  const path = await requireFile(shown, io.cwd, "trace file");
  io.stdout.write(`${formatSummary(await analyzeTraceFile(path))}\n`);
  const html = stringFlag(parsed, "html");
  if (html !== undefined) {
    const written = await writeHtmlTimeline(await readTraceFile(path), resolve(io.cwd, html));
    io.stdout.write(`timeline: ${written}\n`);
  }
  return 0;
}
