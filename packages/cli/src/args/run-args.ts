import { numberFlag, parseFlags, requireFlag, requirePositional, stringFlag } from "./parse-flags.js";

/** `weft run` as parsed and checked. */
export interface RunArgs {
  readonly pipeline: string;
  readonly input: string;
  readonly out: string;
  readonly resume: boolean;
  /** Most nodes running at once (execution's `maxConcurrency`). Default: the runtime's (100). */
  readonly concurrency: number | undefined;
  /** Read at most this many dataset entries. Default: all. */
  readonly limit: number | undefined;
  /** Cap on the run's spend in USD. Default: none. */
  readonly budgetUsd: number | undefined;
  /** A resource config file that replaces the pipeline's `resources`. */
  readonly config: string | undefined;
  /** Overrides the pipeline's `idField`. */
  readonly idField: string | undefined;
  readonly maxLinesPerFile: number | undefined;
  readonly nodeOutputs: boolean;
  readonly csv: boolean;
  readonly parquet: boolean;
  /** Write `trace.json` (and print the profile summary). */
  readonly profile: boolean;
  /** Only the final summary, no live display. */
  readonly quiet: boolean;
  /** One JSON event per line on stdout instead of the display. */
  readonly jsonLogs: boolean;
}

const RUN_FLAGS = {
  input: { type: "string", short: "i" },
  out: { type: "string", short: "o" },
  resume: { type: "boolean" },
  concurrency: { type: "string" },
  limit: { type: "string" },
  "budget-usd": { type: "string" },
  config: { type: "string" },
  "id-field": { type: "string" },
  "max-lines-per-file": { type: "string" },
  "node-outputs": { type: "boolean" },
  csv: { type: "boolean" },
  parquet: { type: "boolean" },
  profile: { type: "boolean" },
  quiet: { type: "boolean", short: "q" },
  "json-logs": { type: "boolean" },
} as const;

/** Usage line of `weft run`. */
export const RUN_USAGE =
  "weft run <pipeline.ts> --input <file> --out <dir> [--resume] [--concurrency N] [--limit N] [--budget-usd N] " +
  "[--config <file>] [--id-field F] [--max-lines-per-file N] [--node-outputs] [--csv] [--parquet] [--profile] " +
  "[--quiet] [--json-logs]";

/** Parses `weft run` arguments; every mistake is a CliError `usage` naming the flag. */
export function parseRunArgs(argv: readonly string[]): RunArgs {
  const parsed = parseFlags("run", argv, RUN_FLAGS, 1);
  const flag = (name: string) => parsed.values[name] === true;
  return {
    pipeline: requirePositional("run", parsed, 0, "<pipeline.ts>"),
    input: requireFlag("run", parsed, "input"),
    out: requireFlag("run", parsed, "out"),
    resume: flag("resume"),
    concurrency: numberFlag("run", parsed, "concurrency", { integer: true, min: 1 }),
    limit: numberFlag("run", parsed, "limit", { integer: true, min: 0 }),
    budgetUsd: numberFlag("run", parsed, "budget-usd", { integer: false, min: 0 }),
    config: stringFlag(parsed, "config"),
    idField: stringFlag(parsed, "id-field"),
    maxLinesPerFile: numberFlag("run", parsed, "max-lines-per-file", { integer: true, min: 1 }),
    nodeOutputs: flag("node-outputs"),
    csv: flag("csv"),
    parquet: flag("parquet"),
    profile: flag("profile"),
    quiet: flag("quiet"),
    jsonLogs: flag("json-logs"),
  };
}
