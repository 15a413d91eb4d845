import { resolve } from "node:path";
import { EventBus, type WeftEvent } from "@weft/core";
import { formatSummary } from "@weft/profiling";
import { RunProgress, runDataset } from "@weft/runner";
import { parseRunArgs } from "../args/run-args.js";
import type { CliIO } from "../cli-io.js";
import { JsonLogWriter } from "../logs/json-log-writer.js";
import { cliRegistry } from "../pipeline/builtin-registry.js";
import { loadPipeline, requireFile } from "../pipeline/load-pipeline.js";
import { loadPipelineResources } from "../pipeline/load-resources.js";
import { ProgressDisplay } from "../progress/progress-display.js";
import { runExitCode, runSummary } from "../run/run-summary.js";

/**
 * `weft run <pipeline.ts> --input <file> --out <dir> [...]`: loads the pipeline and its resources, runs it over
 * the dataset into the run folder with `@weft/runner`, showing live progress on stderr (or, with
 * `--json-logs`, one JSON event per line on stdout), and ends with a summary and the folder's path. Exit code:
 * 0 when every entry was handled (item errors are in `errors/`), 1 when `--budget-usd` stopped the run, 130
 * when it was interrupted, 2 for a user error.
 */
export async function runCommand(argv: readonly string[], io: CliIO): Promise<number> {
  const args = parseRunArgs(argv);
  const pipeline = await loadPipeline(args.pipeline, io.cwd);
  const resources = await loadPipelineResources(pipeline, args.config, io.cwd, io.env);
  const input = await requireFile(args.input, io.cwd, "input file");
  const events = new EventBus<WeftEvent>();
  const progress = new RunProgress({ clock: io.clock });
  events.onAny(progress.handle);
  if (args.jsonLogs) events.onAny(new JsonLogWriter(io.stdout).handle);
  const display =
    args.quiet || args.jsonLogs ? undefined : new ProgressDisplay(progress, io.stderr, io.clock);
  // The display starts with the run itself, so a run refused up front prints only its one error line.
  if (display) events.on("dataset.started", () => display.start());
  const idField = args.idField ?? pipeline.idField;
  let result: Awaited<ReturnType<typeof runDataset>>;
  try {
    result = await runDataset(pipeline.module, input, {
      out: resolve(io.cwd, args.out),
      resume: args.resume,
      resources: resources.config,
      registry: cliRegistry(resources.registry),
      ...(idField === undefined ? {} : { idField }),
      ...(args.limit === undefined ? {} : { limit: args.limit }),
      ...(pipeline.rows ? { rows: pipeline.rows } : {}),
      ...(args.concurrency === undefined ? {} : { maxConcurrency: args.concurrency }),
      ...(args.budgetUsd === undefined ? {} : { budgetUsd: args.budgetUsd }),
      ...(args.maxLinesPerFile === undefined ? {} : { maxLinesPerFile: args.maxLinesPerFile }),
      nodeOutputs: args.nodeOutputs,
      csv: args.csv,
      parquet: args.parquet,
      profile: args.profile,
      events,
      clock: io.clock,
      ...(io.signal ? { signal: io.signal } : {}),
    });
  } finally {
    await display?.stop();
  }
  const out = args.jsonLogs ? io.stderr : io.stdout;
  out.write(`${runSummary(result, args.budgetUsd).join("\n")}\n`);
  if (result.profile) out.write(`\n${formatSummary(result.profile)}\n`);
  return runExitCode(result);
}
