import { inputSchemaOf } from "@weft/core";
import { checkSchemas } from "@weft/tracing";
import { parseFlags, requirePositional } from "../args/parse-flags.js";
import type { CliIO } from "../cli-io.js";
import { formatSchema } from "../inspect/format-schema.js";
import { graphTree } from "../inspect/graph-tree.js";
import { loadPipeline } from "../pipeline/load-pipeline.js";
import { traceLoaded } from "../pipeline/trace-loaded.js";

/** Usage line of `weft inspect`. */
export const INSPECT_USAGE = "weft inspect <pipeline.ts>";

/**
 * `weft inspect <pipeline.ts>`: traces the pipeline (no model is called), prints the graph as a tree with each
 * LLM and leaf node's input and output schema, then the static schema check (`checkSchemas`): every edge where
 * a producer's declared output may not fit a consumer's declared input. Exit code 1 when there is a mismatch.
 */
export async function inspectCommand(argv: readonly string[], io: CliIO): Promise<number> {
  const parsed = parseFlags("inspect", argv, {}, 1);
  const path = requirePositional("inspect", parsed, 0, "<pipeline.ts>");
  const pipeline = await loadPipeline(path, io.cwd);
  const graph = traceLoaded(pipeline, path);
  const llmCalls = [...graph.nodes.values()].filter((node) => node.kind === "llm").length;
  const inputSchema = inputSchemaOf(pipeline.module);
  const lines = [
    `${path}: graph ${graph.hash.slice(0, 12)}, ${graph.order.length} nodes, ${llmCalls} LLM calls`,
    `input: ${inputSchema ? formatSchema(inputSchema, "input") : "any (the module declares no inputSchema)"}`,
    "",
    ...graphTree(graph, pipeline.module),
    "",
  ];
  const mismatches = checkSchemas(graph);
  if (mismatches.length === 0) {
    lines.push("schema check: ok (every declared output fits the input it feeds)");
  } else {
    lines.push(`schema check: ${mismatches.length} mismatch${mismatches.length === 1 ? "" : "es"}`);
    for (const mismatch of mismatches) lines.push(`  ${mismatch.message}`);
  }
  io.stdout.write(`${lines.join("\n")}\n`);
  return mismatches.length === 0 ? 0 : 1;
}
