import type { StateNode } from "./execution-state.js";
import { TaskStatus } from "./task-status.js";

/** One node's state. @internal */
export interface NodeRecord<R, N> {
  readonly id: string;
  readonly node: N;
  /** The node's own `dependencies` array when they all name nodes of the state once (no copy), else a copy. */
  deps: readonly string[];
  readonly dependents: string[];
  readonly joinsBranches: boolean;
  status: TaskStatus;
  waiting: number;
  generation: number;
  retryCount: number;
  result: R | undefined;
  error: unknown;
}

/**
 * The read side of an {@link ExecutionState}: its records and every query on them. The transitions live in
 * `ExecutionState`, which extends this. @internal
 */
export abstract class StateQueries<R, N extends StateNode> {
  protected readonly records = new Map<string, NodeRecord<R, N>>();
  /** Nodes neither terminal nor skipped: the state is complete at 0. */
  protected open = 0;

  constructor(
    protected readonly order: string[] | undefined,
    protected readonly resumed: ReadonlyMap<string, R> | undefined,
  ) {}

  /** Number of nodes (expanded ones included). */
  get size(): number {
    return this.records.size;
  }

  /** Node ids, in insertion order. */
  ids(): IterableIterator<string> {
    return this.records.keys();
  }

  has(id: string): boolean {
    return this.records.has(id);
  }

  /** The node with this id, as it was added (expanded nodes included); `undefined` for an unknown id. */
  nodeOf(id: string): N | undefined {
    return this.records.get(id)?.node;
  }

  status(id: string): TaskStatus {
    return this.get(id).status;
  }

  generation(id: string): number {
    return this.get(id).generation;
  }

  retryCount(id: string): number {
    return this.get(id).retryCount;
  }

  /** The result of a completed node (`undefined` otherwise). */
  result(id: string): R | undefined {
    return this.get(id).result;
  }

  /** Whether the node's result came from the `resumed` map (a checkpoint) rather than from running. */
  isResumed(id: string): boolean {
    return this.resumed?.has(id) === true && this.get(id).status === TaskStatus.COMPLETED;
  }

  /** The error of a failed node, or the reason a node was cancelled (`undefined` otherwise). */
  error(id: string): unknown {
    return this.get(id).error;
  }

  /** The node's dependencies that are nodes of this state (expansion waits included). */
  dependencies(id: string): readonly string[] {
    return this.get(id).deps;
  }

  /** Ids of completed nodes in completion order (record mode only; empty otherwise). */
  get executionOrder(): readonly string[] {
    return this.order ?? [];
  }

  /** Whether a queue entry `(id, generation)` may start now: the node is pending and the entry is current. */
  isRunnable(id: string, generation: number): boolean {
    const record = this.records.get(id);
    return record !== undefined && record.status === TaskStatus.PENDING && record.generation === generation;
  }

  /** No node is blocked, pending or in progress (an empty state is complete). */
  isComplete(): boolean {
    return this.open === 0;
  }

  /** The result of a completed node, `undefined` for a node that is not completed (one lookup). */
  completedResult(id: string): R | undefined {
    const record = this.records.get(id);
    return record !== undefined && record.status === TaskStatus.COMPLETED ? record.result : undefined;
  }

  /** Counts of nodes per status. */
  counts(): Record<TaskStatus, number> {
    const counts = Object.fromEntries(Object.values(TaskStatus).map((s) => [s, 0])) as Record<
      TaskStatus,
      number
    >;
    for (const record of this.records.values()) counts[record.status]++;
    return counts;
  }

  /** How many of the node's dependencies it still waits for. */
  protected unresolved(record: NodeRecord<R, N>): number {
    let waiting = 0;
    for (const dep of record.deps) {
      const status = this.get(dep).status;
      if (status === TaskStatus.COMPLETED) continue;
      if (status === TaskStatus.SKIPPED && record.joinsBranches) continue;
      waiting++;
    }
    return waiting;
  }

  /** Every node downstream of `root`, each once. */
  protected *descendantRecords(root: NodeRecord<R, N>): Generator<NodeRecord<R, N>> {
    const seen = new Set<string>([root.id]);
    const work = [...root.dependents];
    for (let next = work.pop(); next !== undefined; next = work.pop()) {
      if (seen.has(next)) continue;
      seen.add(next);
      const record = this.get(next);
      yield record;
      work.push(...record.dependents);
    }
  }

  protected get(id: string): NodeRecord<R, N> {
    const record = this.records.get(id);
    if (!record) throw new Error(`unknown node "${id}"`);
    return record;
  }
}
