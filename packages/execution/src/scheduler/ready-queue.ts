/** One entry of the {@link ReadyQueue}: who owns the node, which node, and its ordering keys. */
export interface QueueEntry<O = unknown> {
  readonly owner: O;
  readonly id: string;
  /** The node's generation when it was queued; a different current generation makes the entry stale. */
  readonly generation: number;
  /** User priority: lower runs first. */
  readonly priority: number;
  /** Critical-path rank: higher runs first (0 for every node in FIFO mode). */
  readonly rank: number;
  /** Arrival order, the last tie-break (FIFO). */
  readonly seq: number;
}

function before(a: QueueEntry, b: QueueEntry): boolean {
  if (a.priority !== b.priority) return a.priority < b.priority;
  if (a.rank !== b.rank) return a.rank > b.rank;
  return a.seq < b.seq;
}

/**
 * A binary min-heap of ready nodes ordered by user priority (lower first), then critical-path rank (higher
 * first), then arrival (FIFO). Entries are never removed in place: a consumer drops stale ones as it pops them
 * (see `ExecutionState.isRunnable`), which keeps push and pop O(log n).
 */
export class ReadyQueue<O = unknown> {
  private readonly heap: QueueEntry<O>[] = [];
  private seq = 0;

  get size(): number {
    return this.heap.length;
  }

  push(entry: Omit<QueueEntry<O>, "seq">): void {
    const heap = this.heap;
    const item: QueueEntry<O> = { ...entry, seq: this.seq++ };
    let index = heap.push(item) - 1;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      const above = heap[parent] as QueueEntry<O>;
      if (!before(item, above)) break;
      heap[index] = above;
      index = parent;
    }
    heap[index] = item;
  }

  /** Removes and returns the first entry, or `undefined` when empty. */
  pop(): QueueEntry<O> | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined || heap.length === 0) return top;
    let index = 0;
    const length = heap.length;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= length) break;
      const right = left + 1;
      let child = left;
      if (right < length && before(heap[right] as QueueEntry<O>, heap[left] as QueueEntry<O>)) child = right;
      const candidate = heap[child] as QueueEntry<O>;
      if (!before(candidate, last)) break;
      heap[index] = candidate;
      index = child;
    }
    heap[index] = last;
    return top;
  }

  /** Drops every entry for which `keep` returns false (used when an owner leaves). */
  retain(keep: (entry: QueueEntry<O>) => boolean): void {
    const kept = this.heap.filter(keep);
    this.heap.length = 0;
    const seq = this.seq;
    for (const entry of kept) this.push(entry);
    this.seq = seq;
  }
}
