import { type Module, systemClock } from "@weft/core";
import type { DatasetSource } from "../dataset/dataset-source.js";
import { DatasetSession } from "./dataset-session.js";
import type { RunDatasetOptions, RunDatasetResult } from "./run-dataset-options.js";
import { managerForRun, openDatasetAndFolder } from "./session-setup.js";
import { tracePipeline } from "./trace-pipeline.js";

/**
 * Runs `module` over a dataset (a JSONL or CSV file, an array, an (async) iterable) with execution's
 * `runStream` and writes the run folder `options.out` as items finish (format: design_docs/runner.md).
 *
 * Before anything runs, the pipeline is traced (`graph.json`, the graph hash), every alias it calls is checked
 * against the resources (`ResourceError` `unknown_alias`), the input file is checked and the folder opened
 * (`RunnerError`: `dataset_not_found`, `run_folder_not_empty`, `resume_mismatch`, ...). Each valid entry
 * reaches `forward()` as one Value (`toValue(entry)`, after the module's `inputSchema` parsed it); invalid
 * entries go to `errors/` and the run goes on. With `resume`, the folder's committed items are skipped and
 * execution's checkpoint (in `state/checkpoint/`) answers finished items and completed LLM calls without
 * calling again. Item failures are recorded, not thrown; the promise rejects only when the run cannot start
 * or go on (the folder is then closed with status `failed`).
 *
 * @example
 * ```ts
 * const result = await runDataset(new Summarize(), "articles.jsonl", {
 *   out: "runs/today",
 *   resources: { aliases: { fast: { model } } },
 *   idField: "id",
 * });
 * console.log(result.status, result.metadata.counts, result.metadata.cost_usd);
 * ```
 */
export async function runDataset(
  module: Module,
  source: DatasetSource,
  options: RunDatasetOptions,
): Promise<RunDatasetResult> {
  const clock = options.clock ?? systemClock;
  const graph = tracePipeline(module);
  const manager = managerForRun(graph, options, clock);
  const { dataset, description, folder } = await openDatasetAndFolder(
    module,
    source,
    graph,
    manager,
    options,
  );
  const total =
    description.entries === undefined ? undefined : Math.min(description.entries, options.limit ?? Infinity);
  return new DatasetSession(module, graph, dataset, folder, manager, options, clock).run(total);
}
