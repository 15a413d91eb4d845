import { type NodeRecord, StateQueries } from "./state-queries.js";
import { isTerminal, TaskStatus } from "./task-status.js";

/** What the state needs to know about a node: its id and the ids it depends on. */
export interface StateNode {
  readonly id: string;
  /** Ids this node waits for; ids that name no node of the state (parameter refs) are ignored. */
  readonly dependencies: readonly string[];
  /**
   * A node that joins route branches: a skipped dependency counts as resolved for it instead of skipping it
   * too. Default: false.
   */
  readonly joinsBranches?: boolean;
}

/** Options of an {@link ExecutionState}. */
export interface ExecutionStateOptions<R = unknown> {
  /** Called each time a node becomes ready (`pending`), with the generation its queue entry must carry. */
  readonly onReady?: (id: string, generation: number) => void;
  /** Keep the order in which nodes completed (record mode). Default: false. */
  readonly record?: boolean;
  /**
   * Results of nodes a checkpoint says are done: such a node starts (or, when added by an expansion, is added)
   * completed with that result, and its dependents do not wait for it. Default: none.
   */
  readonly resumed?: ReadonlyMap<string, R>;
}

/**
 * The per-node task states of one graph (plait-spec 7.2) with the fixes: a per-node generation so that stale
 * queue entries are recognised and dropped, a failure that cancels exactly its (non-terminal) descendants, a
 * requeue that restores each descendant's wait on the dependencies that are not done (not all of them, which
 * would strand it), skipped route branches, and fan-out expansion (nodes added while running).
 *
 * The state owns no queue: it announces ready nodes through `onReady(id, generation)`, and whoever runs the
 * nodes checks {@link isRunnable} before starting one. Results are opaque (`R`).
 */
export class ExecutionState<R = unknown, N extends StateNode = StateNode> extends StateQueries<R, N> {
  /** Records whose `deps` is their own array (expansion waits were added), not the node's. */
  private readonly ownDeps = new Set<string>();
  private readonly onReady: (id: string, generation: number) => void;
  private activated = false;

  constructor(nodes: Iterable<N>, options: ExecutionStateOptions<R> = {}) {
    super(options.record ? [] : undefined, options.resumed);
    this.onReady = options.onReady ?? (() => {});
    this.addRecords([...nodes]);
  }

  /** Makes every node without pending dependencies ready. Call once. */
  activate(): void {
    if (this.activated) return;
    this.activated = true;
    for (const record of this.records.values()) {
      if (record.status === TaskStatus.BLOCKED && record.waiting === 0) this.makeReady(record);
    }
  }

  /** pending → in_progress when the node is pending; returns whether it was (one lookup, for hot paths). */
  tryStart(id: string): boolean {
    const record = this.records.get(id);
    if (record === undefined || record.status !== TaskStatus.PENDING) return false;
    record.status = TaskStatus.IN_PROGRESS;
    return true;
  }

  /** pending → in_progress. Throws when the node is not pending. */
  markStarted(id: string): void {
    const record = this.get(id);
    if (record.status !== TaskStatus.PENDING) {
      throw new Error(`node "${id}" cannot start from status ${record.status}`);
    }
    record.status = TaskStatus.IN_PROGRESS;
  }

  /** in_progress → completed; returns the ids that became ready. */
  markComplete(id: string, result: R): string[] {
    const record = this.get(id);
    if (record.status !== TaskStatus.IN_PROGRESS) return [];
    this.finish(record, TaskStatus.COMPLETED);
    record.result = result;
    this.order?.push(id);
    return this.release(record);
  }

  /** in_progress → failed; cancels every non-terminal descendant and returns their ids. */
  markFailed(id: string, error: unknown): string[] {
    const record = this.get(id);
    if (isTerminal(record.status)) return [];
    this.finish(record, TaskStatus.FAILED);
    record.error = error;
    return this.cancelDescendants(record, error);
  }

  /**
   * Cancels `id` (any non-terminal status) and its non-terminal descendants, with `reason`. Returns every id
   * cancelled, `id` first.
   */
  cancel(id: string, reason: unknown): string[] {
    const record = this.get(id);
    if (isTerminal(record.status)) return [];
    this.finish(record, TaskStatus.CANCELLED);
    record.error = reason;
    return [id, ...this.cancelDescendants(record, reason)];
  }

  /** Cancels every node that is not terminal yet (an aborted run). Returns their ids. */
  cancelAll(reason: unknown): string[] {
    const cancelled: string[] = [];
    for (const record of this.records.values()) {
      if (isTerminal(record.status)) continue;
      this.finish(record, TaskStatus.CANCELLED);
      record.error = reason;
      cancelled.push(record.id);
    }
    return cancelled;
  }

  /**
   * Puts an in-progress node back in the queue (a retry): its generation and retry count go up, and each
   * descendant that had moved on goes back to blocked, waiting for the dependencies that are not completed.
   * Returns the descendants that were dropped back; `[]` (and no requeue) when the node is not in progress.
   */
  requeue(id: string): string[] {
    const record = this.get(id);
    if (record.status !== TaskStatus.IN_PROGRESS) return [];
    const dropped: string[] = [];
    for (const descendant of this.descendantRecords(record)) {
      if (isTerminal(descendant.status) && descendant.status !== TaskStatus.COMPLETED) continue;
      if (descendant.status === TaskStatus.BLOCKED && descendant.waiting > 0) continue;
      if (descendant.status === TaskStatus.COMPLETED) this.open++;
      descendant.status = TaskStatus.BLOCKED;
      descendant.generation++;
      descendant.result = undefined;
      descendant.waiting = this.unresolved(descendant);
      dropped.push(descendant.id);
    }
    record.retryCount++;
    this.makeReady(record);
    return dropped;
  }

  /**
   * Skips route branches that were not taken: each id, and every descendant that does not join branches.
   * A joining dependent counts the skipped dependency as resolved. Returns the ids skipped.
   */
  skip(ids: readonly string[]): string[] {
    const skipped: string[] = [];
    const work = [...ids];
    for (let next = work.pop(); next !== undefined; next = work.pop()) {
      const record = this.get(next);
      if (isTerminal(record.status)) continue;
      this.finish(record, TaskStatus.SKIPPED);
      skipped.push(record.id);
      for (const dependentId of record.dependents) {
        const dependent = this.get(dependentId);
        if (isTerminal(dependent.status)) continue;
        if (!dependent.joinsBranches) {
          work.push(dependentId);
          continue;
        }
        dependent.waiting--;
        if (dependent.waiting === 0 && dependent.status === TaskStatus.BLOCKED) this.makeReady(dependent);
      }
    }
    return skipped;
  }

  /**
   * Fan-out: adds `nodes` (their dependencies may name existing nodes) and makes the in-progress node `id` wait
   * for `waitFor` (ids among the new nodes): it goes back to blocked with a new generation and becomes ready
   * again, to gather, once they complete. A failure among them cancels `id` as any descendant. With `open`, the
   * node also waits for {@link closeExpansion}, so that more nodes can be added with {@link extendExpansion}
   * first. Returns the new nodes that are ready at once.
   */
  expand(id: string, nodes: readonly N[], waitFor: readonly string[], open = false): string[] {
    const record = this.get(id);
    if (record.status !== TaskStatus.IN_PROGRESS) {
      throw new Error(`node "${id}" can only expand while in progress (status ${record.status})`);
    }
    record.status = TaskStatus.BLOCKED;
    record.generation++;
    record.waiting = this.unresolved(record) + (open ? 1 : 0);
    return this.addExpansion(record, nodes, waitFor);
  }

  /**
   * Adds more nodes to the open expansion of `id` (see {@link expand}); a no-op returning `[]` once `id` is no
   * longer blocked (it was cancelled). Returns the new nodes that are ready at once.
   */
  extendExpansion(id: string, nodes: readonly N[], waitFor: readonly string[]): string[] {
    const record = this.get(id);
    if (record.status !== TaskStatus.BLOCKED) return [];
    return this.addExpansion(record, nodes, waitFor);
  }

  /** Ends the open expansion of `id`: it becomes ready once what it waits for is done. */
  closeExpansion(id: string): void {
    const record = this.get(id);
    if (record.status !== TaskStatus.BLOCKED) return;
    record.waiting--;
    if (record.waiting === 0) this.makeReady(record);
  }

  private addExpansion(record: NodeRecord<R, N>, nodes: readonly N[], waitFor: readonly string[]): string[] {
    const added = this.addRecords(nodes);
    if (waitFor.length > 0 && !this.ownDeps.has(record.id)) {
      record.deps = [...record.deps];
      this.ownDeps.add(record.id);
    }
    const deps = record.deps as string[];
    // `waitFor` names new nodes, so none is among the node's dependencies yet (no O(n) check per id).
    for (const waitId of waitFor) {
      const target = this.get(waitId);
      deps.push(waitId);
      target.dependents.push(record.id);
      if (target.status !== TaskStatus.COMPLETED) record.waiting++;
    }
    const ready: string[] = [];
    for (const child of added) {
      if (child.status === TaskStatus.BLOCKED && child.waiting === 0) {
        this.makeReady(child);
        ready.push(child.id);
      }
    }
    if (record.status === TaskStatus.BLOCKED && record.waiting === 0) this.makeReady(record);
    return ready;
  }

  private addRecords(nodes: readonly N[]): NodeRecord<R, N>[] {
    const added: NodeRecord<R, N>[] = [];
    for (const node of nodes) {
      if (this.records.has(node.id)) throw new Error(`duplicate node id "${node.id}"`);
      const record: NodeRecord<R, N> = {
        id: node.id,
        node,
        deps: node.dependencies,
        dependents: [],
        joinsBranches: node.joinsBranches ?? false,
        status: TaskStatus.BLOCKED,
        waiting: 0,
        generation: 0,
        retryCount: 0,
        result: undefined,
        error: undefined,
      };
      this.records.set(node.id, record);
      added.push(record);
      if (this.resumed?.has(node.id)) {
        record.status = TaskStatus.COMPLETED;
        record.result = this.resumed.get(node.id);
      } else {
        this.open++;
      }
    }
    for (const record of added) {
      const dependencies = record.deps;
      // Filtered (unknown ids such as parameter refs, repeated ids) into a copy only when needed.
      let kept: string[] | undefined;
      for (let index = 0; index < dependencies.length; index++) {
        const dep = dependencies[index] as string;
        const target = this.records.get(dep);
        if (!target || dependencies.indexOf(dep) < index) {
          kept ??= dependencies.slice(0, index);
          continue;
        }
        kept?.push(dep);
        target.dependents.push(record.id);
        const status = target.status;
        if (status !== TaskStatus.COMPLETED && !(status === TaskStatus.SKIPPED && record.joinsBranches)) {
          record.waiting++;
        }
      }
      if (kept) record.deps = kept;
    }
    if (this.activated) {
      for (const record of added) {
        if (record.deps.some((dep) => this.get(dep).status === TaskStatus.SKIPPED) && !record.joinsBranches) {
          this.skip([record.id]);
        }
      }
    }
    return added;
  }

  private release(record: NodeRecord<R, N>): string[] {
    const ready: string[] = [];
    for (const dependentId of record.dependents) {
      const dependent = this.get(dependentId);
      if (dependent.status !== TaskStatus.BLOCKED) continue;
      dependent.waiting--;
      if (dependent.waiting === 0) {
        this.makeReady(dependent);
        ready.push(dependentId);
      }
    }
    return ready;
  }

  private cancelDescendants(record: NodeRecord<R, N>, reason: unknown): string[] {
    const cancelled: string[] = [];
    for (const descendant of this.descendantRecords(record)) {
      if (isTerminal(descendant.status)) continue;
      this.finish(descendant, TaskStatus.CANCELLED);
      descendant.error = reason;
      cancelled.push(descendant.id);
    }
    return cancelled;
  }

  private makeReady(record: NodeRecord<R, N>): void {
    record.status = TaskStatus.PENDING;
    record.generation++;
    this.onReady(record.id, record.generation);
  }

  private finish(record: NodeRecord<R, N>, status: TaskStatus): void {
    if (!isTerminal(record.status)) this.open--;
    record.status = status;
  }
}
