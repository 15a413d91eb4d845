import type { NodeKind, RuntimeEventContext } from "../events/runtime-events.js";

/** The context of a node's events: it names the node. */
export type NodeTimelineContext = RuntimeEventContext & { readonly nodeId: string };

/**
 * The queue, start and finish times of a run's nodes, as execution records them for a profiler that asked for them
 * (`Profiler.nodeTimeline`), instead of sending it `node.queued`, `node.started` and `node.finished` per node. It
 * arrives on the run's `run.started` (`RunStartedEvent.timeline`) and fills while the run goes on, so it can be read
 * at any time. Rows are nodes in the order they were first queued or started; times are on the run's clock.
 */
export interface NodeTimelineView {
  /** Rows so far. */
  readonly size: number;
  /** The latest time written (queue, start or finish; a retried node's later starts too); NaN before any. */
  readonly lastTime: number;
  /** The context of the row's node events (run, item, node id, module path). */
  context(row: number): NodeTimelineContext;
  kind(row: number): NodeKind;
  /** The alias of an LLM node; `undefined` for other kinds. */
  alias(row: number): string | undefined;
  /** When the node first became ready for a slot (its first `node.queued`); NaN when it never queued. */
  queuedAt(row: number): number;
  /** Its first start (its first `node.started`); NaN before it started. */
  startedAt(row: number): number;
  /** Its last `node.finished`; NaN while it has not finished (a failed or cancelled node never finishes). */
  finishedAt(row: number): number;
}

/** The node fields a timeline reads, and the slot it keeps the node's row in. */
export interface TimelineNode {
  readonly id: string;
  readonly modulePath: string;
  readonly kind: NodeKind;
  readonly alias?: string | undefined;
  /** The node's row in the timeline that last recorded it; -1 or unset before. */
  timelineRow?: number | undefined;
}

/** The run and item of one graph's nodes: a timeline row's owner (one object per graph, not per node). */
export interface TimelineItem {
  readonly runId: string;
  readonly itemId: string | undefined;
}

/**
 * Chunks hold 16 rows, then 32, doubling up to 2048 rows each: a small run keeps about 1 KB, and a large one is
 * never copied or resized. The first seven chunks (16 to 1024 rows) hold 2032 rows; every chunk after is full size.
 */
const FIRST_BITS = 4;
const DOUBLING_CHUNKS = 7;
const DOUBLING_ROWS = ((1 << DOUBLING_CHUNKS) - 1) << FIRST_BITS;
const FULL_BITS = FIRST_BITS + DOUBLING_CHUNKS;
const FULL_MASK = (1 << FULL_BITS) - 1;

class TimelineChunk {
  readonly queued: Float64Array;
  readonly started: Float64Array;
  readonly finished: Float64Array;
  readonly items: TimelineItem[];
  readonly ids: string[];
  readonly modulePaths: string[];
  readonly kinds: NodeKind[];
  readonly aliases: (string | undefined)[];

  constructor(rows: number) {
    this.queued = new Float64Array(rows).fill(Number.NaN);
    this.started = new Float64Array(rows).fill(Number.NaN);
    this.finished = new Float64Array(rows).fill(Number.NaN);
    this.items = new Array<TimelineItem>(rows);
    this.ids = new Array<string>(rows);
    this.modulePaths = new Array<string>(rows);
    this.kinds = new Array<NodeKind>(rows);
    this.aliases = new Array<string | undefined>(rows);
  }
}

/** The chunk a row is in. */
function chunkIndex(row: number): number {
  if (row < DOUBLING_ROWS) return 31 - Math.clz32((row >> FIRST_BITS) + 1);
  return DOUBLING_CHUNKS + ((row - DOUBLING_ROWS) >> FULL_BITS);
}

/** The row's place in its chunk. */
function offsetIn(row: number, chunk: number): number {
  if (row < DOUBLING_ROWS) return row - (((1 << chunk) - 1) << FIRST_BITS);
  return (row - DOUBLING_ROWS) & FULL_MASK;
}

/** Rows of chunk number `chunk`. */
const chunkRows = (chunk: number) => 1 << Math.min(FIRST_BITS + chunk, FULL_BITS);

/**
 * The writable {@link NodeTimelineView} one runtime (a run, batch or stream) keeps for all its items. Recording a
 * node event is a few writes to fixed-size chunks, never copied or resized: no event object, no dispatch, and no
 * object per node (a row keeps the node's id and module path strings; its context is built when it is read). That
 * is what makes a profiled run cheaper than one that sends the profiler three events per node (see
 * design_docs/profiling.md).
 */
export class NodeTimeline implements NodeTimelineView {
  size = 0;
  lastTime = Number.NaN;
  private readonly chunks: TimelineChunk[] = [];
  /** The place in its chunk of the row last located or read: set there, read at once by the caller. */
  private at = 0;

  /** Notes that `node` of `item` became ready for a slot at `time`; only its first queue time is kept. */
  queued(node: TimelineNode, item: TimelineItem, time: number): void {
    const queued = this.locate(node, item, time).queued;
    if (Number.isNaN(queued[this.at])) queued[this.at] = time;
  }

  /** Notes a start of `node` at `time`; only its first start is kept. */
  started(node: TimelineNode, item: TimelineItem, time: number): void {
    const started = this.locate(node, item, time).started;
    if (Number.isNaN(started[this.at])) started[this.at] = time;
  }

  /** Notes that `node` finished at `time`; its last finish is kept. */
  finished(node: TimelineNode, item: TimelineItem, time: number): void {
    this.locate(node, item, time).finished[this.at] = time;
  }

  context(row: number): NodeTimelineContext {
    const chunk = this.chunkOf(row);
    const { runId, itemId } = chunk.items[this.at] as TimelineItem;
    const nodeId = chunk.ids[this.at] as string;
    const modulePath = chunk.modulePaths[this.at] as string;
    return itemId === undefined ? { runId, nodeId, modulePath } : { runId, itemId, nodeId, modulePath };
  }

  kind(row: number): NodeKind {
    return this.chunkOf(row).kinds[this.at] as NodeKind;
  }

  alias(row: number): string | undefined {
    return this.chunkOf(row).aliases[this.at];
  }

  queuedAt(row: number): number {
    return this.chunkOf(row).queued[this.at] as number;
  }

  startedAt(row: number): number {
    return this.chunkOf(row).started[this.at] as number;
  }

  finishedAt(row: number): number {
    return this.chunkOf(row).finished[this.at] as number;
  }

  /** The chunk of a row being read, its place in `at`. */
  private chunkOf(row: number): TimelineChunk {
    if (!Number.isInteger(row) || row < 0 || row >= this.size) {
      throw new RangeError(`node timeline row ${row} is out of range (0 to ${this.size - 1})`);
    }
    const index = chunkIndex(row);
    this.at = offsetIn(row, index);
    return this.chunks[index] as TimelineChunk;
  }

  /**
   * The chunk of the node's row, its place in `at`: the row it was given, when that row is of this item (a node
   * object run again in another item, run or timeline gets a new row), else a new one. Notes `time` as the latest.
   */
  private locate(node: TimelineNode, item: TimelineItem, time: number): TimelineChunk {
    if (!(time <= this.lastTime)) this.lastTime = time;
    const known = node.timelineRow ?? -1;
    if (known >= 0 && known < this.size) {
      const index = chunkIndex(known);
      const at = offsetIn(known, index);
      const chunk = this.chunks[index] as TimelineChunk;
      if (chunk.items[at] === item && chunk.ids[at] === node.id) {
        this.at = at;
        return chunk;
      }
    }
    const row = this.size;
    const index = chunkIndex(row);
    const at = offsetIn(row, index);
    if (at === 0) this.chunks.push(new TimelineChunk(chunkRows(index)));
    const chunk = this.chunks[index] as TimelineChunk;
    chunk.items[at] = item;
    chunk.ids[at] = node.id;
    chunk.modulePaths[at] = node.modulePath;
    chunk.kinds[at] = node.kind;
    chunk.aliases[at] = node.alias;
    this.size = row + 1;
    node.timelineRow = row;
    this.at = at;
    return chunk;
  }
}
