import { join } from "node:path";
import type { Clock, Value } from "@weft/core";
import type { InferenceGraph } from "@weft/tracing";
import type { RunResult } from "../run/run-result.js";
import type { ItemPreparation } from "../run/runtime.js";
import type { CheckpointOptions } from "./checkpoint-options.js";
import { inputsDigest } from "./inputs-digest.js";
import { isCompatible, loadRunCheckpoint, type RunCheckpointFile } from "./run-checkpoint.js";
import { RunCheckpointWriter } from "./run-checkpoint-writer.js";
import { decodeValue, encodeValue } from "./value-codec.js";

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Checkpointing of one run: on `resume`, reads `<dir>/<executionId>.json` and, when its graph hash and inputs
 * digest match this run's, starts the run from its completed nodes; then records completions (input values
 * never; other values when `storeValues`) and writes the final file with the failed and pending nodes.
 */
export class RunCheckpointing {
  private writer: RunCheckpointWriter | undefined;

  private constructor(
    private readonly options: CheckpointOptions,
    private readonly path: string,
    private readonly executionId: string,
    private readonly previous: RunCheckpointFile | undefined,
    private readonly clock: Clock,
  ) {}

  /** Opens the checkpoint of a run (reading it when resuming). */
  static async open(options: CheckpointOptions, runId: string, clock: Clock): Promise<RunCheckpointing> {
    const executionId = options.executionId ?? runId;
    const path = join(options.dir, `${executionId}.json`);
    const previous = options.resume ? await loadRunCheckpoint(path) : undefined;
    return new RunCheckpointing(options, path, executionId, previous, clock);
  }

  /** The hook a run calls once its graph is traced. */
  prepare(graph: InferenceGraph, args: readonly unknown[]): ItemPreparation {
    const digest = inputsDigest(args);
    const compatible = this.previous !== undefined && isCompatible(this.previous, graph.hash, digest);
    const resumed = new Map<string, Value>();
    if (compatible && this.previous) {
      for (const [id, record] of Object.entries(this.previous.completed_nodes)) {
        if (record.value !== null) resumed.set(id, decodeValue(record.value));
      }
    }
    const storeValues = this.options.storeValues ?? true;
    const writer = new RunCheckpointWriter({
      path: this.path,
      executionId: this.executionId,
      graphHash: graph.hash,
      inputsDigest: digest,
      clock: this.clock,
      ...(this.options.bufferSize === undefined ? {} : { bufferSize: this.options.bufferSize }),
      ...(this.options.flushIntervalMs === undefined
        ? {}
        : { flushIntervalMs: this.options.flushIntervalMs }),
      ...(compatible && this.previous ? { previous: this.previous.completed_nodes } : {}),
    });
    this.writer = writer;
    return {
      resumed,
      onNodeComplete: (node, value, report) => {
        if (node.kind === "input") return;
        writer.record(
          node.id,
          storeValues ? (encodeValue(value) ?? null) : null,
          report.durationMs,
          report.retryCount,
        );
      },
    };
  }

  /** The final write. */
  async finish(result: RunResult<unknown>): Promise<void> {
    const failed: Record<string, string> = {};
    for (const failure of result.errors) failed[failure.nodeId] = messageOf(failure.error);
    await this.writer?.finish(failed, result.cancelled);
  }
}
