import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readSync,
  statSync,
  truncateSync,
  writeSync,
} from "node:fs";
import { dirname } from "node:path";
import type { ValueJSON } from "@weft/core";
import { CheckpointError } from "./checkpoint-error.js";
import { readAt, readLogLines } from "./log-reader.js";

/**
 * The lines of a batch or stream checkpoint log, `<dir>/<executionId>.jsonl` (one JSON object per line):
 * - `header`: first line: `{ type, version: 1, execution_id, created }`;
 * - `graph`: before an item's first node line: `{ type, item, digest, graph_hash }`;
 * - `node`: a completed node: `{ type, item, node, value, duration_ms, retry_count }`;
 * - `item`: a finished item: `{ type, item, digest, ok, output, failed }` (`output`: the outputs with each Value
 *   as `{ "$value": ValueJSON }`; `failed`: node id → message).
 */
export type BatchLogLine =
  | { readonly type: "header"; readonly version: 1; readonly execution_id: string; readonly created: number }
  | { readonly type: "graph"; readonly item: number; readonly digest: string; readonly graph_hash: string }
  | {
      readonly type: "node";
      readonly item: number;
      readonly node: string;
      readonly value: ValueJSON | null;
      readonly duration_ms: number;
      readonly retry_count: number;
    }
  | {
      readonly type: "item";
      readonly item: number;
      readonly digest: string;
      readonly ok: boolean;
      readonly output: unknown;
      readonly failed: Readonly<Record<string, string>>;
    };

/** A finished item, read back from the log. */
export type StoredItem = Extract<BatchLogLine, { type: "item" }>;

interface PartialItem {
  digest: string;
  graphHash: string;
  readonly nodes: Map<string, ValueJSON>;
}

/**
 * What a log says was done before: finished items (by index, with the position of their line, read back on
 * demand so memory does not grow with the results) and the completed nodes of unfinished items.
 */
export class ResumeIndex {
  private readonly finished = new Map<number, { digest: string; offset: number; length: number }>();
  private readonly partial = new Map<number, PartialItem>();

  constructor(private readonly path: string | undefined) {}

  /** Reads a log; a torn last line (a write cut by a kill) is ignored. */
  static read(path: string): ResumeIndex {
    const index = new ResumeIndex(path);
    for (const line of readLogLines(path)) {
      if (line.text.trim() === "") continue;
      let data: BatchLogLine;
      try {
        data = JSON.parse(line.text) as BatchLogLine;
      } catch (cause) {
        if (!line.complete) break;
        throw new CheckpointError(path, "not valid JSON", { line: line.number, cause });
      }
      index.add(data, line.offset, line.length);
    }
    return index;
  }

  /** Number of finished items. */
  get finishedCount(): number {
    return this.finished.size;
  }

  /** The stored result of item `index` when it finished with these inputs. */
  finishedItem(index: number, digest: string): StoredItem | undefined {
    const entry = this.finished.get(index);
    if (!entry || entry.digest !== digest || this.path === undefined) return undefined;
    return JSON.parse(readAt(this.path, entry.offset, entry.length)) as StoredItem;
  }

  /** Completed nodes of unfinished item `index`, when it ran with these inputs and this graph. */
  completedNodes(
    index: number,
    digest: string,
    graphHash: string,
  ): ReadonlyMap<string, ValueJSON> | undefined {
    const entry = this.partial.get(index);
    if (!entry || entry.digest !== digest || entry.graphHash !== graphHash) return undefined;
    return entry.nodes;
  }

  /** Forgets the partial nodes of an item (once it is running again they are in its state). */
  release(index: number): void {
    this.partial.delete(index);
  }

  private add(data: BatchLogLine, offset: number, length: number): void {
    switch (data.type) {
      case "graph": {
        const entry = this.partial.get(data.item);
        if (entry && entry.digest === data.digest && entry.graphHash === data.graph_hash) return;
        this.partial.set(data.item, { digest: data.digest, graphHash: data.graph_hash, nodes: new Map() });
        return;
      }
      case "node":
        if (data.value !== null) this.partial.get(data.item)?.nodes.set(data.node, data.value);
        return;
      case "item":
        this.partial.delete(data.item);
        this.finished.set(data.item, { digest: data.digest, offset, length });
        return;
      default:
        return;
    }
  }
}

/**
 * An append-only checkpoint log for batches and streams (a rewrite per flush would be quadratic). Lines of LLM
 * nodes and finished items are written at once with a synchronous write (so a killed process loses none of
 * them); other node lines wait in memory for the next such write.
 */
export class BatchLog {
  private readonly fd: number;
  private buffer: string[] = [];
  private readonly graphsWritten = new Set<number>();
  private closed = false;

  private constructor(
    readonly path: string,
    readonly executionId: string,
    readonly resume: ResumeIndex,
  ) {
    mkdirSync(dirname(path), { recursive: true });
    // A write cut by a kill leaves a partial last line: drop it so appended lines start clean.
    if (existsSync(path)) truncateSync(path, completeLength(path));
    const fresh = !existsSync(path) || statSync(path).size === 0;
    this.fd = openSync(path, "a");
    if (fresh)
      this.write([{ type: "header", version: 1, execution_id: executionId, created: Date.now() / 1000 }]);
  }

  /** Opens `path` for appending; with `resume`, reads what it already holds first. */
  static open(path: string, executionId: string, resume: boolean): BatchLog {
    const index = resume && existsSync(path) ? ResumeIndex.read(path) : new ResumeIndex(undefined);
    return new BatchLog(path, executionId, index);
  }

  /** A completed node of item `index`; `durable` (LLM nodes) writes it and everything buffered now. */
  node(
    index: number,
    digest: string,
    graphHash: string,
    line: { node: string; value: ValueJSON | null; durationMs: number; retryCount: number },
    durable: boolean,
  ): void {
    const lines: BatchLogLine[] = [];
    if (!this.graphsWritten.has(index)) {
      this.graphsWritten.add(index);
      lines.push({ type: "graph", item: index, digest, graph_hash: graphHash });
    }
    lines.push({
      type: "node",
      item: index,
      node: line.node,
      value: line.value,
      duration_ms: line.durationMs,
      retry_count: line.retryCount,
    });
    if (durable) this.write(lines);
    else for (const entry of lines) this.buffer.push(`${JSON.stringify(entry)}\n`);
  }

  /** A finished item; written at once with everything buffered. */
  item(
    index: number,
    digest: string,
    ok: boolean,
    output: unknown,
    failed: Readonly<Record<string, string>>,
  ): void {
    this.graphsWritten.delete(index);
    this.write([{ type: "item", item: index, digest, ok, output, failed }]);
  }

  /** Writes what is buffered and closes the file. */
  close(): void {
    if (this.closed) return;
    this.write([]);
    this.closed = true;
    closeSync(this.fd);
  }

  private write(lines: readonly BatchLogLine[]): void {
    if (this.closed) return;
    let text = this.buffer.join("");
    this.buffer = [];
    for (const line of lines) text += `${JSON.stringify(line)}\n`;
    if (text.length > 0) writeSync(this.fd, text);
  }
}

/** Bytes of `path` up to and including its last newline. */
function completeLength(path: string): number {
  const size = statSync(path).size;
  const fd = openSync(path, "r");
  try {
    const chunk = Buffer.alloc(4096);
    for (let end = size; end > 0; ) {
      const start = Math.max(0, end - chunk.length);
      readSync(fd, chunk, 0, end - start, start);
      const last = chunk.subarray(0, end - start).lastIndexOf(10);
      if (last !== -1) return start + last + 1;
      end = start;
    }
    return 0;
  } finally {
    closeSync(fd);
  }
}
