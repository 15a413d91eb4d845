import { type Clock, inputSchemaOf, type Module } from "@weft/core";
import { ResourceManager } from "@weft/resources";
import type { InferenceGraph } from "@weft/tracing";
import { Dataset, type DatasetDescription } from "../dataset/dataset.js";
import type { DatasetSource } from "../dataset/dataset-source.js";
import { RunnerError } from "../errors/runner-error.js";
import { RunFolder } from "../folder/run-folder.js";
import { checkPipelineAliases, pipelineAliases } from "./pipeline-aliases.js";
import type { RunDatasetOptions } from "./run-dataset-options.js";

/** Node kinds whose outputs `nodes/<node>/` records: model calls, leaf modules and fan-outs. */
const RECORDED_KINDS: ReadonlySet<string> = new Set(["llm", "leaf", "map"]);

/** The nodes of the top-level graph whose outputs go to `nodes/` (map bodies are recorded through their map). */
export function recordedNodeIds(graph: InferenceGraph): string[] {
  return graph.order.filter((id) => RECORDED_KINDS.has(graph.nodes.get(id)?.kind ?? ""));
}

/**
 * The resource manager of a run: the one given, or one built from the given config. Checks before anything
 * runs that a pipeline calling models has resources, and that they define every alias it calls.
 */
export function managerForRun(
  graph: InferenceGraph,
  options: RunDatasetOptions,
  clock: Clock,
): ResourceManager | undefined {
  const { resources } = options;
  if (resources === undefined) {
    const first = pipelineAliases(graph).entries().next().value;
    if (first) {
      throw new RunnerError(
        "invalid_run_options",
        `the pipeline calls alias "${first[0]}" (node ${first[1]}) but no resources were given`,
      );
    }
    return undefined;
  }
  const manager =
    resources instanceof ResourceManager
      ? resources
      : new ResourceManager(resources, {
          clock,
          ...(options.registry ? { registry: options.registry } : {}),
        });
  checkPipelineAliases(graph, manager.config);
  return manager;
}

/** The dataset and the run folder of a session, opened (and checked) in that order. */
export async function openDatasetAndFolder(
  module: Module,
  source: DatasetSource,
  graph: InferenceGraph,
  manager: ResourceManager | undefined,
  options: RunDatasetOptions,
): Promise<{ dataset: Dataset; description: DatasetDescription; folder: RunFolder }> {
  const inputSchema = inputSchemaOf(module);
  const dataset = await Dataset.open(source, {
    ...(options.idField === undefined ? {} : { idField: options.idField }),
    ...(options.limit === undefined ? {} : { limit: options.limit }),
    ...(inputSchema ? { inputSchema } : {}),
  });
  const description = await dataset.describe();
  const folder = await RunFolder.open(options.out, {
    resume: options.resume ?? false,
    graph,
    graphHash: graph.hash,
    input: description,
    ...(options.idField === undefined ? {} : { idField: options.idField }),
    ...(options.limit === undefined ? {} : { limit: options.limit }),
    ...(manager ? { resources: manager.describeConfig() } : {}),
    nodeIds: recordedNodeIds(graph),
    ...(options.maxLinesPerFile === undefined ? {} : { maxLinesPerFile: options.maxLinesPerFile }),
    nodeOutputs: options.nodeOutputs ?? false,
    expandRows: options.rows !== undefined,
    csv: options.csv ?? false,
    parquet: options.parquet ?? false,
    ...(options.now ? { now: options.now } : {}),
  });
  return { dataset, description, folder };
}
