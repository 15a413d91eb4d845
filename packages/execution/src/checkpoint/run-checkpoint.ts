import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import type { ValueJSON } from "@weft/core";
import { CheckpointError } from "./checkpoint-error.js";

/** One completed node in a checkpoint file (plait-spec 7.6, snake_case kept). */
export interface CompletedNodeRecord {
  readonly node_id: string;
  /** The node's result; `null` when values are not stored or the payload is not JSON. */
  readonly value: ValueJSON | null;
  readonly duration_ms: number;
  readonly retry_count: number;
}

/**
 * The checkpoint of a single run, `<dir>/<executionId>.json`: plait-spec 7.6's format plus `version` and
 * `inputs_digest`. `failed_nodes` and `pending_nodes` are written by the final flush.
 */
export interface RunCheckpointFile {
  readonly version: 1;
  readonly execution_id: string;
  /** Unix seconds of the last write. */
  readonly timestamp: number;
  readonly graph_hash: string | null;
  readonly inputs_digest: string | null;
  readonly completed_nodes: Readonly<Record<string, CompletedNodeRecord>>;
  readonly failed_nodes: Readonly<Record<string, string>>;
  readonly pending_nodes: readonly string[];
}

/**
 * Reads a run checkpoint; `undefined` when the file does not exist. Missing optional fields get their defaults
 * (legacy files: no hash, no digest, no failed or pending nodes, retry count 0). Throws CheckpointError for a
 * file that is not JSON or not a checkpoint.
 */
export async function loadRunCheckpoint(path: string): Promise<RunCheckpointFile | undefined> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(text) as Record<string, unknown>;
  } catch (cause) {
    throw new CheckpointError(path, "not valid JSON", { cause });
  }
  if (typeof data !== "object" || data === null || typeof data.execution_id !== "string") {
    throw new CheckpointError(path, "not a weft run checkpoint (no execution_id)");
  }
  const completed: Record<string, CompletedNodeRecord> = {};
  for (const [id, raw] of Object.entries(
    (data.completed_nodes ?? {}) as Record<string, Partial<CompletedNodeRecord>>,
  )) {
    completed[id] = {
      node_id: raw.node_id ?? id,
      value: raw.value ?? null,
      duration_ms: raw.duration_ms ?? 0,
      retry_count: raw.retry_count ?? 0,
    };
  }
  return {
    version: 1,
    execution_id: data.execution_id,
    timestamp: typeof data.timestamp === "number" ? data.timestamp : 0,
    graph_hash: typeof data.graph_hash === "string" ? data.graph_hash : null,
    inputs_digest: typeof data.inputs_digest === "string" ? data.inputs_digest : null,
    completed_nodes: completed,
    failed_nodes: (data.failed_nodes ?? {}) as Record<string, string>,
    pending_nodes: Array.isArray(data.pending_nodes) ? (data.pending_nodes as string[]) : [],
  };
}

/**
 * Whether a checkpoint may be resumed by a run with this graph hash and inputs digest: both must match; a legacy
 * checkpoint without a hash matches any graph, and one without a digest any inputs.
 */
export function isCompatible(file: RunCheckpointFile, graphHash: string, digest: string): boolean {
  return (
    (file.graph_hash === null || file.graph_hash === graphHash) &&
    (file.inputs_digest === null || file.inputs_digest === digest)
  );
}

/** Writes `data` to `path` atomically: a temporary file in the same folder, then a rename over the target. */
export async function writeAtomically(path: string, data: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  await writeFile(temporary, data, "utf8");
  await rename(temporary, path);
}
