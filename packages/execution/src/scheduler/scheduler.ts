import { ReadyQueue } from "./ready-queue.js";

/** Who runs the nodes a {@link Scheduler} hands out: one per graph (a run, or one item of a batch). */
export interface TaskOwner {
  /** Whether the queue entry `(id, generation)` is still current and the node may start now. */
  isRunnable(id: string, generation: number): boolean;
  /** Starts the node; the slot it holds is released when the returned promise settles. */
  runTask(id: string): Promise<void>;
}

/** How ready nodes are ordered after user priorities. */
export type PriorityMode = "critical-path" | "fifo";

/** Options of a {@link Scheduler}. */
export interface SchedulerOptions {
  /** Most nodes running at once, over every graph the scheduler serves. Default: 100. */
  readonly maxConcurrency?: number;
}

/**
 * The ready queue and the global concurrency cap, shared by every graph of a run, batch or stream. It is
 * event-driven: it starts nodes when one is queued or a slot is released, and never polls or sleeps. A queue
 * entry whose node is no longer runnable (it was cancelled, requeued or expanded since) is dropped when popped.
 */
export class Scheduler {
  readonly maxConcurrency: number;
  private readonly queue = new ReadyQueue<TaskOwner>();
  private running = 0;
  private pumping = false;

  constructor(options: SchedulerOptions = {}) {
    const max = options.maxConcurrency ?? 100;
    if (!Number.isInteger(max) || max < 1) {
      throw new RangeError(`maxConcurrency must be an integer >= 1, got ${max}`);
    }
    this.maxConcurrency = max;
  }

  /** Nodes running now. */
  get active(): number {
    return this.running;
  }

  /** Queue entries, stale ones included until popped. */
  get queued(): number {
    return this.queue.size;
  }

  /**
   * Queues a ready node and starts what fits. `priority`: lower runs first; `rank`: among equal priorities,
   * higher runs first (the critical-path rank, or 0 for FIFO).
   */
  enqueue(owner: TaskOwner, id: string, generation: number, priority: number, rank: number): void {
    this.queue.push({ owner, id, generation, priority, rank });
    this.pump();
  }

  /**
   * Queues a ready node without starting anything yet: an owner that readies several nodes at once adds them
   * all, then calls {@link pump}, so that priorities decide among all of them.
   */
  add(owner: TaskOwner, id: string, generation: number, priority: number, rank: number): void {
    this.queue.push({ owner, id, generation, priority, rank });
  }

  /** Forgets the queued entries of `owner` (it was cancelled). */
  drop(owner: TaskOwner): void {
    this.queue.retain((entry) => entry.owner !== owner);
  }

  /** Whether every queued entry would start at once (free slots outnumber the queue). */
  hasRoomForAll(): boolean {
    return this.maxConcurrency - this.running > this.queue.size;
  }

  /** Starts queued nodes while slots are free; returns how many it started. */
  pump(): number {
    if (this.pumping) return 0;
    this.pumping = true;
    let started = 0;
    try {
      while (this.running < this.maxConcurrency) {
        const entry = this.queue.pop();
        if (!entry) break;
        if (!entry.owner.isRunnable(entry.id, entry.generation)) continue;
        this.running++;
        started++;
        let task: Promise<void>;
        try {
          task = entry.owner.runTask(entry.id);
        } catch (error) {
          task = Promise.reject(error);
        }
        task.then(this.release, this.release);
      }
    } finally {
      this.pumping = false;
    }
    return started;
  }

  private readonly release = (): void => {
    this.running--;
    this.pump();
  };
}
