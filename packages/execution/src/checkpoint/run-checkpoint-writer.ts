import type { Clock, ValueJSON } from "@weft/core";
import { type CompletedNodeRecord, type RunCheckpointFile, writeAtomically } from "./run-checkpoint.js";

/** Options of a {@link RunCheckpointWriter}. */
export interface RunCheckpointWriterOptions {
  readonly path: string;
  readonly executionId: string;
  readonly graphHash: string;
  readonly inputsDigest: string;
  readonly clock: Clock;
  /** Completions buffered before a write. Default: 10. */
  readonly bufferSize?: number;
  /** A completion writes once this long has passed since the last write (ms). Default: 60,000. */
  readonly flushIntervalMs?: number;
  /** Completions from the checkpoint being resumed, kept in every write. */
  readonly previous?: Readonly<Record<string, CompletedNodeRecord>>;
}

/**
 * Writes a single run's checkpoint file (plait-spec 7.6): completions are buffered and written when the buffer
 * is full or the interval has passed, and at the end with the failed and pending nodes. Writes are atomic
 * (temporary file and rename) and serialized, so concurrent flushes never interleave or corrupt the file.
 */
export class RunCheckpointWriter {
  private readonly completed: Record<string, CompletedNodeRecord>;
  private buffered = 0;
  private lastFlush: number;
  private chain: Promise<void> = Promise.resolve();
  private failure: unknown;

  constructor(private readonly options: RunCheckpointWriterOptions) {
    if ((options.bufferSize ?? 10) < 1) throw new RangeError("checkpoint bufferSize must be >= 1");
    if ((options.flushIntervalMs ?? 60_000) < 0)
      throw new RangeError("checkpoint flushIntervalMs must be >= 0");
    this.completed = { ...options.previous };
    this.lastFlush = options.clock.now();
  }

  /** Records a completed node; writes when the buffer is full or the interval has passed. */
  record(nodeId: string, value: ValueJSON | null, durationMs: number, retryCount: number): void {
    this.completed[nodeId] = { node_id: nodeId, value, duration_ms: durationMs, retry_count: retryCount };
    this.buffered++;
    const interval = this.options.flushIntervalMs ?? 60_000;
    if (
      this.buffered >= (this.options.bufferSize ?? 10) ||
      this.options.clock.now() - this.lastFlush >= interval
    ) {
      void this.flush();
    }
  }

  /** Writes what is buffered (a no-op when nothing is). Resolves once the write is on disk. */
  flush(failed?: Readonly<Record<string, string>>, pending?: readonly string[]): Promise<void> {
    if (this.buffered === 0 && failed === undefined) return this.chain;
    this.buffered = 0;
    this.lastFlush = this.options.clock.now();
    const file: RunCheckpointFile = {
      version: 1,
      execution_id: this.options.executionId,
      timestamp: Date.now() / 1000,
      graph_hash: this.options.graphHash,
      inputs_digest: this.options.inputsDigest,
      completed_nodes: { ...this.completed },
      failed_nodes: failed ?? {},
      pending_nodes: pending ?? [],
    };
    const text = `${JSON.stringify(file, null, 2)}\n`;
    this.chain = this.chain.then(
      () => writeAtomically(this.options.path, text),
      () => writeAtomically(this.options.path, text),
    );
    this.chain.catch((error: unknown) => {
      this.failure ??= error;
    });
    return this.chain;
  }

  /** The final write: every completion, the failed nodes and the nodes left pending. Rejects on a write failure. */
  async finish(failed: Readonly<Record<string, string>>, pending: readonly string[]): Promise<void> {
    await this.flush(failed, pending);
    if (this.failure !== undefined) throw this.failure;
  }
}
