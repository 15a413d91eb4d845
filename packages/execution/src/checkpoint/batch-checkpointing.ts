import { join } from "node:path";
import { unwrap, type Value } from "@weft/core";
import type { InferenceGraph } from "@weft/tracing";
import type { BatchItem } from "../batch/batch-item.js";
import type { ItemPreparation } from "../run/runtime.js";
import { BatchLog } from "./batch-log.js";
import type { CheckpointOptions } from "./checkpoint-options.js";
import { inputsDigest } from "./inputs-digest.js";
import { decodeStructure, decodeValue, encodeStructure, encodeValue } from "./value-codec.js";

/**
 * Checkpointing of a batch or stream through an append-only JSONL log (`<dir>/<executionId>.jsonl`): each
 * item is identified by its index and inputs digest; completed nodes are logged (LLM nodes written at once),
 * finished items are logged with their outputs. On `resume`, finished items are answered from the log without
 * running, and unfinished ones start from their logged nodes when their graph hash still matches.
 */
export class BatchCheckpointing {
  private readonly digests = new Map<number, string>();

  private constructor(
    private readonly log: BatchLog,
    private readonly storeValues: boolean,
  ) {}

  /** Opens (and on `resume` reads) the log. */
  static open(options: CheckpointOptions, runId: string): BatchCheckpointing {
    const executionId = options.executionId ?? runId;
    const log = BatchLog.open(
      join(options.dir, `${executionId}.jsonl`),
      executionId,
      options.resume ?? false,
    );
    return new BatchCheckpointing(log, options.storeValues ?? true);
  }

  /** The stored result of an item that finished in an earlier run with the same inputs. */
  finished<T>(index: number, args: readonly unknown[], input: unknown): BatchItem<T> | undefined {
    const digest = this.digestOf(index, args);
    const stored = this.log.resume.finishedItem(index, digest);
    if (!stored) return undefined;
    this.digests.delete(index);
    const values = decodeStructure(stored.output);
    const failures = Object.entries(stored.failed);
    const error = failures.length > 0 ? new Error(`${failures[0]?.[0]}: ${failures[0]?.[1]}`) : undefined;
    return {
      index,
      input,
      output: unwrap(values) as T,
      error,
      ok: stored.ok && error === undefined,
      result: undefined,
      resumed: true,
    };
  }

  /** The hook an item's run calls once its graph is traced. */
  prepare(index: number, args: readonly unknown[]): (graph: InferenceGraph) => ItemPreparation {
    const digest = this.digestOf(index, args);
    return (graph) => {
      const logged = this.log.resume.completedNodes(index, digest, graph.hash);
      const resumed = new Map<string, Value>();
      if (logged) for (const [id, json] of logged) resumed.set(id, decodeValue(json));
      this.log.resume.release(index);
      return {
        resumed,
        onNodeComplete: (node, value, report) => {
          if (node.kind === "input") return;
          const stored = this.storeValues ? (encodeValue(value) ?? null) : null;
          this.log.node(
            index,
            digest,
            graph.hash,
            { node: node.id, value: stored, durationMs: report.durationMs, retryCount: report.retryCount },
            node.kind === "llm",
          );
        },
      };
    };
  }

  /**
   * Logs a finished item. Only ok items count as finished: a failed or aborted item, or one whose LLM nodes a
   * budget stop cancelled (status `stopped`), runs again on resume (from the nodes it completed).
   */
  done(item: BatchItem<unknown>, args: readonly unknown[]): void {
    const digest = this.digestOf(item.index, args);
    this.digests.delete(item.index);
    if (!item.result?.ok) return;
    const failed: Record<string, string> = {};
    for (const failure of item.result.errors) {
      failed[failure.nodeId] = failure.error instanceof Error ? failure.error.message : String(failure.error);
    }
    const output = this.storeValues ? encodeStructure(item.result.values) : null;
    this.log.item(item.index, digest, item.result.ok, output, failed);
  }

  close(): void {
    this.log.close();
  }

  private digestOf(index: number, args: readonly unknown[]): string {
    let digest = this.digests.get(index);
    if (digest === undefined) {
      digest = inputsDigest(args);
      this.digests.set(index, digest);
    }
    return digest;
  }
}
