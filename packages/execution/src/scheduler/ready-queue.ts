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
}

/** The entries of one (priority, rank) key, in arrival order. */
interface Bucket<O> {
  readonly priority: number;
  readonly rank: number;
  entries: QueueEntry<O>[];
  head: number;
}

function before<O>(a: Bucket<O>, b: Bucket<O>): boolean {
  return a.priority !== b.priority ? a.priority < b.priority : a.rank > b.rank;
}

/**
 * Ready nodes ordered by user priority (lower first), then critical-path rank (higher first), then arrival
 * (FIFO). Entries with the same (priority, rank) share a FIFO bucket, and a binary heap orders the non-empty
 * buckets, so pushing and popping cost O(1) plus O(log k) for k distinct keys (a fan-out of thousands of
 * equal nodes is one bucket). Entries are never removed in place: a consumer drops stale ones as it pops them
 * (see `ExecutionState.isRunnable`).
 */
export class ReadyQueue<O = unknown> {
  private readonly heap: Bucket<O>[] = [];
  private readonly buckets = new Map<number, Map<number, Bucket<O>>>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  push(entry: QueueEntry<O>): void {
    let byRank = this.buckets.get(entry.priority);
    if (!byRank) {
      byRank = new Map();
      this.buckets.set(entry.priority, byRank);
    }
    let bucket = byRank.get(entry.rank);
    if (!bucket) {
      bucket = { priority: entry.priority, rank: entry.rank, entries: [], head: 0 };
      byRank.set(entry.rank, bucket);
      this.heapPush(bucket);
    }
    bucket.entries.push(entry);
    this.count++;
  }

  /** Removes and returns the first entry, or `undefined` when empty. */
  pop(): QueueEntry<O> | undefined {
    const bucket = this.heap[0];
    if (!bucket) return undefined;
    const entry = bucket.entries[bucket.head] as QueueEntry<O>;
    // Release the entry now: a popped entry must not keep its owner (a whole graph) alive.
    (bucket.entries as (QueueEntry<O> | undefined)[])[bucket.head++] = undefined;
    this.count--;
    if (bucket.head === bucket.entries.length) {
      this.heapPop();
      const byRank = this.buckets.get(bucket.priority) as Map<number, Bucket<O>>;
      byRank.delete(bucket.rank);
      if (byRank.size === 0) this.buckets.delete(bucket.priority);
    } else if (bucket.head >= 1_024 && bucket.head * 2 >= bucket.entries.length) {
      // A bucket that never empties (a stream) would otherwise keep every entry it ever held.
      bucket.entries = bucket.entries.slice(bucket.head);
      bucket.head = 0;
    }
    return entry;
  }

  /** Drops every entry for which `keep` returns false (used when an owner leaves). */
  retain(keep: (entry: QueueEntry<O>) => boolean): void {
    const kept: QueueEntry<O>[] = [];
    for (let entry = this.pop(); entry; entry = this.pop()) if (keep(entry)) kept.push(entry);
    for (const entry of kept) this.push(entry);
  }

  private heapPush(bucket: Bucket<O>): void {
    const heap = this.heap;
    let index = heap.push(bucket) - 1;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      const above = heap[parent] as Bucket<O>;
      if (!before(bucket, above)) break;
      heap[index] = above;
      index = parent;
    }
    heap[index] = bucket;
  }

  private heapPop(): void {
    const heap = this.heap;
    const last = heap.pop() as Bucket<O>;
    if (heap.length === 0) return;
    let index = 0;
    const length = heap.length;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= length) break;
      const right = left + 1;
      let child = left;
      if (right < length && before(heap[right] as Bucket<O>, heap[left] as Bucket<O>)) child = right;
      const candidate = heap[child] as Bucket<O>;
      if (!before(candidate, last)) break;
      heap[index] = candidate;
      index = child;
    }
    heap[index] = last;
  }
}
