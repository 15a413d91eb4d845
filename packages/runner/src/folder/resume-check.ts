import { RunnerError } from "../errors/runner-error.js";
import type { RunFolderOptions } from "./run-folder-options.js";
import type { RunMetadata } from "./run-metadata.js";

const short = (hash: string) => hash.slice(0, 12);

/**
 * Refuses to resume a folder written for another graph, other input content, another id field or another row
 * expansion, with one line naming the difference (RunnerError `resume_mismatch`).
 */
export function checkResumable(dir: string, metadata: RunMetadata, options: RunFolderOptions): void {
  const fail = (message: string) => {
    throw new RunnerError("resume_mismatch", `cannot resume ${dir}: ${message}`, { path: dir });
  };
  if (metadata.graph_hash !== options.graphHash) {
    fail(
      `it was written for graph ${short(metadata.graph_hash)}, and this pipeline's graph is ${short(options.graphHash)}`,
    );
  }
  const before = metadata.input;
  const now = options.input;
  if (before.kind !== now.kind) fail(`its input was ${before.kind} data, this input is ${now.kind} data`);
  if (before.sha256 !== null && now.sha256 !== undefined && before.sha256 !== now.sha256) {
    fail(
      `the input file's content differs from the one the run started with (sha256 ${short(before.sha256)})`,
    );
  }
  if ((before.id_field ?? undefined) !== options.idField) {
    fail(
      `its item ids came from ${describeIdField(before.id_field)}, now from ${describeIdField(options.idField)}`,
    );
  }
  if (metadata.options.expand_rows !== (options.expandRows ?? false)) {
    fail(
      metadata.options.expand_rows
        ? "it expanded items into rows, this run does not"
        : "this run expands items into rows, it did not",
    );
  }
}

function describeIdField(field: string | null | undefined): string {
  return field === null || field === undefined ? "line numbers" : `the field "${field}"`;
}
