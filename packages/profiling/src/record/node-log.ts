import type { EventContext } from "@weft/core";
import { StringCodes } from "./string-codes.js";
import { nextChunkLength } from "./typed-columns.js";

/** The node event types as stored in {@link NodeLogChunk.type}, in the order of `NODE_EVENT_TYPES`. */
export const NODE_QUEUED = 0;
export const NODE_STARTED = 1;
export const NODE_FINISHED = 2;
export const NODE_FAILED = 3;
export const NODE_CANCELLED = 4;
export const NODE_SKIPPED = 5;
export const NODE_RETRIED = 6;

/** Each code's event type; `NODE_EVENT_TYPES[NODE_SKIPPED]` is `"node.skipped"`. */
export const NODE_EVENT_TYPES = [
  "node.queued",
  "node.started",
  "node.finished",
  "node.failed",
  "node.cancelled",
  "node.skipped",
  "node.retried",
] as const;

type NodeContext = EventContext & { readonly nodeId: string };

/** The fields of a node event the log keeps. */
export interface NodeLogEvent {
  readonly time: number;
  readonly context: NodeContext;
  readonly kind?: string | undefined;
  readonly alias?: string | undefined;
}

/** Rows of the first chunk; each next chunk doubles, up to {@link MAX_CHUNK_ROWS}. */
const FIRST_CHUNK_ROWS = 1024;
/**
 * At this size a chunk's context array (32k references) is a large object, which the collector never moves (its
 * typed columns live outside the heap); small enough that a run's last chunk wastes little.
 */
const MAX_CHUNK_ROWS = 32_768;

/** One chunk of a {@link NodeLog}: a column per field, `rows` long, the first `size` rows used. */
export class NodeLogChunk {
  size = 0;
  readonly time: Float64Array;
  /** `NODE_QUEUED` ... `NODE_RETRIED`. */
  readonly type: Uint8Array;
  /** Index of the event's run in the recorder's run list. */
  readonly run: Int32Array;
  /** Codes of the log's `kinds` and `aliases`. */
  readonly kind: Uint32Array;
  readonly alias: Uint32Array;
  /** Each event's context; its `nodeId` is a string. */
  readonly context: NodeContext[];

  constructor(readonly rows: number) {
    this.time = new Float64Array(rows);
    this.type = new Uint8Array(rows);
    this.run = new Int32Array(rows);
    this.kind = new Uint32Array(rows);
    this.alias = new Uint32Array(rows);
    this.context = new Array<NodeContext>(rows);
  }
}

/**
 * The node events of a recording as columns, in arrival order. A 100k-node run sends about 230k node events, so
 * recording one is an append: times, types, runs and the codes of kind and alias go to typed arrays (which the
 * garbage collector neither scans nor copies), and the event's context (its node, item and module path) is kept
 * by reference: weft's runtime gives all events of a node one context object, so this keeps one per node.
 * Nothing is looked up or keyed while recording; nodes are put together when a snapshot replays the log
 * (`replayNodes`).
 *
 * The rows live in chunks that are never copied or resized: a log that doubled one array per column copied
 * every row again at each step and left the old arrays to the collector, about twice the memory it kept.
 */
export class NodeLog {
  /** Rows appended so far. */
  size = 0;
  readonly chunks: NodeLogChunk[] = [];
  readonly kinds = new StringCodes();
  readonly aliases = new StringCodes();
  private chunk = new NodeLogChunk(0);

  /**
   * Appends one event of type `type` (a `NODE_*` code) of run `run`. The event is passed whole: its time goes from
   * the event straight to the time column, where passing it as a number argument would box it in a heap number.
   */
  append(type: number, run: number, event: NodeLogEvent): void {
    let chunk = this.chunk;
    let at = chunk.size;
    if (at === chunk.rows) {
      chunk = this.nextChunk();
      at = 0;
    }
    chunk.size = at + 1;
    this.size += 1;
    chunk.time[at] = event.time;
    chunk.type[at] = type;
    chunk.run[at] = run;
    chunk.kind[at] = this.kinds.code(event.kind);
    chunk.alias[at] = this.aliases.code(event.alias);
    chunk.context[at] = event.context;
  }

  private nextChunk(): NodeLogChunk {
    const rows = nextChunkLength(FIRST_CHUNK_ROWS, MAX_CHUNK_ROWS, this.chunks.length);
    const chunk = new NodeLogChunk(rows);
    this.chunks.push(chunk);
    this.chunk = chunk;
    return chunk;
  }
}
