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
  /** The context of the row's node events (run, item, node id, module path). */
  context(row: number): NodeTimelineContext;
  kind(row: number): NodeKind;
  /** The alias of an LLM node; `undefined` for other kinds. */
  alias(row: number): string | undefined;
  /** When the node became ready for a slot (what `node.queued` reports); NaN when it never queued. */
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

/** Rows per chunk (a power of two, so a row's chunk is a shift away). */
const CHUNK_BITS = 11;
const CHUNK_ROWS = 1 << CHUNK_BITS;
const ROW_MASK = CHUNK_ROWS - 1;

class TimelineChunk {
  readonly queued = new Float64Array(CHUNK_ROWS).fill(Number.NaN);
  readonly started = new Float64Array(CHUNK_ROWS).fill(Number.NaN);
  readonly finished = new Float64Array(CHUNK_ROWS).fill(Number.NaN);
  readonly items = new Array<TimelineItem>(CHUNK_ROWS);
  readonly ids = new Array<string>(CHUNK_ROWS);
  readonly modulePaths = new Array<string>(CHUNK_ROWS);
  readonly kinds = new Array<NodeKind>(CHUNK_ROWS);
  readonly aliases = new Array<string | undefined>(CHUNK_ROWS);
}

/**
 * The writable {@link NodeTimelineView} one runtime (a run, batch or stream) keeps for all its items. Recording a
 * node event is a few writes to fixed-size chunks, never copied or resized: no event object, no dispatch, and no
 * object per node (a row keeps the node's id and module path strings; its context is built when it is read). That
 * is what makes a profiled run cheaper than one that sends the profiler three events per node (see
 * design_docs/profiling.md).
 */
export class NodeTimeline implements NodeTimelineView {
  size = 0;
  private readonly chunks: TimelineChunk[] = [];

  /** Notes that `node` of `item` became ready for a slot at `time`. */
  queued(node: TimelineNode, item: TimelineItem, time: number): void {
    const row = this.rowOf(node, item);
    (this.chunks[row >> CHUNK_BITS] as TimelineChunk).queued[row & ROW_MASK] = time;
  }

  /** Notes a start of `node` at `time`; only its first start is kept. */
  started(node: TimelineNode, item: TimelineItem, time: number): void {
    const row = this.rowOf(node, item);
    const started = (this.chunks[row >> CHUNK_BITS] as TimelineChunk).started;
    if (Number.isNaN(started[row & ROW_MASK])) started[row & ROW_MASK] = time;
  }

  /** Notes that `node` finished at `time`. */
  finished(node: TimelineNode, item: TimelineItem, time: number): void {
    const row = this.rowOf(node, item);
    (this.chunks[row >> CHUNK_BITS] as TimelineChunk).finished[row & ROW_MASK] = time;
  }

  context(row: number): NodeTimelineContext {
    const chunk = this.chunkOf(row);
    const at = row & ROW_MASK;
    const { runId, itemId } = chunk.items[at] as TimelineItem;
    const nodeId = chunk.ids[at] as string;
    const modulePath = chunk.modulePaths[at] as string;
    return itemId === undefined ? { runId, nodeId, modulePath } : { runId, itemId, nodeId, modulePath };
  }

  kind(row: number): NodeKind {
    return this.chunkOf(row).kinds[row & ROW_MASK] as NodeKind;
  }

  alias(row: number): string | undefined {
    return this.chunkOf(row).aliases[row & ROW_MASK];
  }

  queuedAt(row: number): number {
    return this.chunkOf(row).queued[row & ROW_MASK] as number;
  }

  startedAt(row: number): number {
    return this.chunkOf(row).started[row & ROW_MASK] as number;
  }

  finishedAt(row: number): number {
    return this.chunkOf(row).finished[row & ROW_MASK] as number;
  }

  private chunkOf(row: number): TimelineChunk {
    if (!Number.isInteger(row) || row < 0 || row >= this.size) {
      throw new RangeError(`node timeline row ${row} is out of range (0 to ${this.size - 1})`);
    }
    return this.chunks[row >> CHUNK_BITS] as TimelineChunk;
  }

  /**
   * The node's row: the one it was given, when that row is of this item (a node object run again in another item,
   * run or timeline gets a new row), else a new one.
   */
  private rowOf(node: TimelineNode, item: TimelineItem): number {
    const known = node.timelineRow ?? -1;
    if (known >= 0 && known < this.size) {
      const chunk = this.chunks[known >> CHUNK_BITS] as TimelineChunk;
      if (chunk.items[known & ROW_MASK] === item && chunk.ids[known & ROW_MASK] === node.id) return known;
    }
    const row = this.size;
    const at = row & ROW_MASK;
    if (at === 0) this.chunks.push(new TimelineChunk());
    const chunk = this.chunks[row >> CHUNK_BITS] as TimelineChunk;
    chunk.items[at] = item;
    chunk.ids[at] = node.id;
    chunk.modulePaths[at] = node.modulePath;
    chunk.kinds[at] = node.kind;
    chunk.aliases[at] = node.alias;
    this.size = row + 1;
    node.timelineRow = row;
    return row;
  }
}
