import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { parseFlags, requireFlag, requirePositional, stringFlag } from "../args/parse-flags.js";
import type { CliIO } from "../cli-io.js";
import { CliError } from "../errors/cli-error.js";
import { loadPipeline } from "../pipeline/load-pipeline.js";
import { traceLoaded } from "../pipeline/trace-loaded.js";

/** Usage line of `weft graph`. */
export const GRAPH_USAGE = "weft graph <pipeline.ts> --format dot|mermaid|json [--out <file>]";

const FORMATS = ["dot", "mermaid", "json"] as const;

/**
 * `weft graph <pipeline.ts> --format dot|mermaid|json [--out <file>]`: traces the pipeline and prints its graph
 * as Graphviz DOT, a Mermaid flowchart or graph.json (the run folder's format), or writes it to `--out`.
 */
export async function graphCommand(argv: readonly string[], io: CliIO): Promise<number> {
  const parsed = parseFlags(
    "graph",
    argv,
    { format: { type: "string", short: "f" }, out: { type: "string" } },
    1,
  );
  const path = requirePositional("graph", parsed, 0, "<pipeline.ts>");
  const format = requireFlag("graph", parsed, "format");
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new CliError(
      "usage",
      `weft graph: --format must be one of dot, mermaid, json, got ${JSON.stringify(format)}`,
    );
  }
  const graph = traceLoaded(await loadPipeline(path, io.cwd), path);
  const text =
    format === "dot"
      ? graph.toDot()
      : format === "mermaid"
        ? graph.toMermaid()
        : JSON.stringify(graph, null, 2);
  const out = stringFlag(parsed, "out");
  if (out === undefined) {
    io.stdout.write(text.endsWith("\n") ? text : `${text}\n`);
    return 0;
  }
  const target = resolve(io.cwd, out);
  await writeFile(target, text.endsWith("\n") ? text : `${text}\n`);
  io.stdout.write(`wrote ${target}\n`);
  return 0;
}
