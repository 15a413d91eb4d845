import { setMaxListeners } from "node:events";
import { type Clock, systemClock } from "@weft/core";
import { type CancelReason, errorInfo, type RunStatus, type RuntimeEvent } from "../events/runtime-events.js";
import {
  type ExecNode,
  type ExpansionChunk,
  isExpandOutcome,
  type NodeContext,
  type NodeOutcome,
} from "../graph/exec-node.js";
import { RankBook } from "../scheduler/rank-book.js";
import type { PriorityMode, Scheduler, TaskOwner } from "../scheduler/scheduler.js";
import { ExecutionState } from "../state/execution-state.js";
import { TaskStatus } from "../state/task-status.js";
import { expansionTemplate } from "./expansion-template.js";
import { GraphEvents } from "./graph-events.js";
import { NodeBook } from "./node-book.js";
import { GraphNodeContext } from "./node-context.js";
import { type NodeReport, type RunTotals, reportOf, totalsOf } from "./node-report.js";
import type { NodeTimeline } from "./node-timeline.js";
import { decideFailure, type TaskRetryOptions } from "./retry-decision.js";

/** Shared by the graphs of a run, batch or stream: once a budget error is set, new LLM tasks are cancelled. */
export interface LlmStop {
  reason: unknown;
}

/** Options of a {@link GraphExecution}. */
export interface GraphExecutionOptions<R> extends TaskRetryOptions {
  readonly scheduler: Scheduler;
  /** Default: `systemClock`. */
  readonly clock?: Clock;
  readonly runId: string;
  /** Set for the items of a batch or stream. */
  readonly itemId?: string;
  /** Where runtime events go; `undefined` skips building them. */
  readonly emit?: (event: RuntimeEvent) => void;
  /**
   * Pass the per-node events (queued, started, finished) as one refilled object each: only when whatever `emit`
   * reaches keeps nothing of an event object after the call. Default: false.
   */
  readonly reuseNodeEvents?: boolean;
  /**
   * Where each node's queue, start and finish times are written (a profiler's `nodeTimeline`; `run.started` carries
   * it). With it, `node.queued`, `node.started` and `node.finished` go to `emitNodeTimes` instead of `emit`, and are
   * not built at all when that is unset. Default: none.
   */
  readonly timeline?: NodeTimeline;
  readonly emitNodeTimes?: (event: RuntimeEvent) => void;
  readonly signal?: AbortSignal;
  /** Default: `"critical-path"`. */
  readonly priorityMode?: PriorityMode;
  /** Bound on each node over all its attempts, in ms. Default: none. */
  readonly taskTimeoutMs?: number;
  /** Estimated cost of a node for critical-path ranks. Default: `defaultCost`. */
  readonly costOf?: (node: ExecNode<R>) => number;
  /** Keep the completion order (record mode). Default: false. */
  readonly record?: boolean;
  /** Results of nodes already done (from a checkpoint). */
  readonly resumed?: ReadonlyMap<string, R>;
  /** Called when a node completes (checkpoint writers). */
  readonly onNodeComplete?: (node: ExecNode<R>, result: R, report: NodeReport) => void;
  /** Shared budget stop. Default: a flag of this graph alone. */
  readonly llmStop?: LlmStop;
}

type Step<R> = (context: NodeContext<R>) => NodeOutcome<R> | Promise<NodeOutcome<R>>;

/**
 * Runs one graph on a shared {@link Scheduler}: keeps its {@link ExecutionState}, queues ready nodes by
 * priority and rank, runs inline nodes at once, handles each node's outcome (value, skip, fan-out) and failure
 * (retry, fail and cancel descendants, budget stop, timeout), and emits the runtime events. `start()` resolves
 * when every node is terminal and nothing it started is still running.
 */
export class GraphExecution<R> implements TaskOwner {
  readonly state: ExecutionState<R, ExecNode<R>>;
  private readonly book: NodeBook<R>;
  readonly done: Promise<void>;
  private readonly ranks: RankBook<ExecNode<R>>;
  private readonly gathers = new Map<string, Step<R>>();
  private readonly queued: [string, number][] = [];
  /** Ready leaf nodes: they start at once, without a slot (slots are for LLM calls). */
  private readonly direct: [string, number][] = [];
  private readonly inline: string[] = [];
  private readonly clock: Clock;
  private readonly controller = new AbortController();
  private readonly llmStop: LlmStop;
  private readonly events: GraphEvents | undefined;
  private readonly startedAt: number;
  private resolveDone: () => void = () => {};
  /** Where the inline stack stood after the last flush: nodes above it arrived since, as one batch. */
  private inlineMark = 0;
  private flushing = false;
  private deferred = false;
  private busy = 0;
  private failures = 0;
  private finished = false;
  private aborted = false;
  private budgetStop: unknown;
  private finalTotals: RunTotals | undefined;

  constructor(
    nodes: readonly ExecNode<R>[],
    private readonly options: GraphExecutionOptions<R>,
  ) {
    this.clock = options.clock ?? systemClock;
    this.llmStop = options.llmStop ?? { reason: undefined };
    this.events = options.emit
      ? new GraphEvents({
          emit: options.emit,
          clock: this.clock,
          runId: options.runId,
          itemId: options.itemId,
          reuse: options.reuseNodeEvents,
          timeline: options.timeline,
          emitNodeTimes: options.emitNodeTimes,
        })
      : undefined;
    // Every node of the graph listens to this one signal.
    setMaxListeners(0, this.controller.signal);
    this.book = new NodeBook<R>(this.clock, this.controller.signal, options.taskTimeoutMs);
    this.startedAt = this.clock.now();
    this.ranks = new RankBook<ExecNode<R>>(options.priorityMode, options.costOf);
    this.ranks.add(nodes);
    this.done = new Promise<void>((resolve) => {
      this.resolveDone = resolve;
    });
    this.state = new ExecutionState<R, ExecNode<R>>(nodes, {
      onReady: (id, generation) => this.onReady(id, generation),
      record: options.record,
      resumed: options.resumed,
    });
  }

  /** The signal every node of this graph receives; aborted by {@link abort} or the caller's signal. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Whether the graph was aborted. */
  get isAborted(): boolean {
    return this.aborted;
  }

  /** The budget error that cancelled some of this graph's LLM nodes before they ran; `undefined` if none. */
  get stopReason(): unknown {
    return this.budgetStop;
  }

  /**
   * How the graph ended (or stands): `cancelled` when aborted, else `failed` when a node failed, else `stopped`
   * when the budget stop cancelled some of its LLM nodes, else `completed`.
   */
  get status(): RunStatus {
    if (this.aborted) return "cancelled";
    if (this.failures > 0) return "failed";
    return this.budgetStop === undefined ? "completed" : "stopped";
  }

  /** Reports of the nodes that finished (see {@link NodeBook.finish} for which ones). */
  get reports(): ReadonlyMap<string, NodeReport> {
    return this.book.reports;
  }

  /** Usage, cost and calls summed over {@link reports}: summed once when the graph is done, else now. */
  get totals(): RunTotals {
    return this.finalTotals ?? totalsOf(this.book.reports.values());
  }

  /** The node with this id (expanded nodes included). */
  node(id: string): ExecNode<R> | undefined {
    return this.state.nodeOf(id);
  }

  /** Every node, in insertion order (expanded nodes included). */
  private *allNodes(): Generator<ExecNode<R>> {
    for (const id of this.state.ids()) yield this.state.nodeOf(id) as ExecNode<R>;
  }

  /** Starts the graph; resolves when it is done. */
  start(): Promise<void> {
    const signal = this.options.signal;
    if (signal) {
      if (signal.aborted) this.abort(signal.reason);
      else signal.addEventListener("abort", this.onCallerAbort, { once: true });
    }
    this.events?.runStarted(this.allNodes(), (id: string) => this.state.dependencies(id));
    for (const id of this.state.ids()) if (this.state.isResumed(id)) this.reportResumed(id);
    this.state.activate();
    this.flush();
    this.checkDone();
    return this.done;
  }

  /** Cancels every node not yet terminal and aborts those running (their calls see the signal). */
  abort(reason: unknown): void {
    if (this.finished || this.aborted) return;
    this.aborted = true;
    this.controller.abort(reason);
    for (const id of this.state.cancelAll(reason)) this.emitCancelled(id, "aborted");
    this.book.stopAll();
    this.options.scheduler.drop(this);
    this.checkDone();
  }

  isRunnable(id: string, generation: number): boolean {
    return this.state.isRunnable(id, generation);
  }

  async runTask(id: string): Promise<void> {
    const node = this.state.nodeOf(id) as ExecNode<R>;
    this.state.markStarted(id);
    if (node.kind === "llm" && this.llmStop.reason !== undefined) {
      this.budgetStop ??= this.llmStop.reason;
      for (const cancelled of this.state.cancel(id, this.llmStop.reason))
        this.emitCancelled(cancelled, "budget");
      this.checkDone();
      return;
    }
    // A node's first start is when its timer starts (no second clock read). Any later start (a retry, or a slot
    // node's gather step after its expansion) reads the clock.
    const known = this.book.timerOf(id);
    const timer = known ?? this.book.startTimer(id);
    const attempt = this.state.retryCount(id);
    this.busy++;
    this.events?.started(node, attempt, known === undefined ? timer.startedAt : this.clock.now());
    let outcome: NodeOutcome<R>;
    try {
      outcome = await this.step(node, this.contextFor(node, attempt, timer.signal));
    } catch (error) {
      this.busy--;
      this.onError(node, error);
      return;
    }
    this.busy--;
    this.settle(node, outcome);
  }

  private onCallerAbort = (): void => this.abort(this.options.signal?.reason);

  private onReady(id: string, generation: number): void {
    const node = this.state.nodeOf(id) as ExecNode<R>;
    if (node.inline) this.inline.push(id);
    else if (node.kind === "leaf") this.direct.push([id, generation]);
    else this.queued.push([id, generation]);
  }

  /** Starts the ready leaf nodes (user code): in order, each up to its first `await`, holding no slot. */
  private startDirect(): void {
    for (let index = 0; index < this.direct.length; index++) {
      const [id, generation] = this.direct[index] as [string, number];
      if (this.state.isRunnable(id, generation)) void this.runTask(id);
    }
    this.direct.length = 0;
  }

  /**
   * Runs inline nodes and hands queued ones to the scheduler until both buffers are empty. Re-entrant-safe.
   *
   * Inline nodes run depth-first (a stack; each batch readied together is pushed so that its first node is on
   * top), so a chain of data nodes reaches the node that needs a slot quickly. When every queued node fits a
   * free slot, waiting for the rest of the inline work cannot change which nodes start, so they start at once;
   * if that started something while inline work remains, the rest continues in a later microtask, so the
   * started calls progress towards their provider in between (a fan-out's first calls go out while its other
   * elements are still being prepared).
   */
  private flush(): void {
    if (this.flushing || this.deferred) return;
    this.flushing = true;
    const scheduler = this.options.scheduler;
    let deferred = false;
    try {
      this.reverseFrom(this.inlineMark);
      for (;;) {
        let added = false;
        // One time for the nodes queued together (a fan-out queues thousands at once).
        const queuedAt = this.events !== undefined && this.queued.length > 0 ? this.clock.now() : 0;
        for (let index = 0; index < this.queued.length; index++) {
          const [id, generation] = this.queued[index] as [string, number];
          const node = this.state.nodeOf(id) as ExecNode<R>;
          const priority = node.priority ?? 0;
          const rank = this.ranks.rankOf(id);
          this.events?.queued(node, priority, rank, queuedAt);
          scheduler.add(this, id, generation, priority, rank);
          added = true;
        }
        this.queued.length = 0;
        if (this.direct.length > 0) this.startDirect();
        const next = this.inline.pop();
        if (next === undefined) break;
        if (added && scheduler.hasRoomForAll() && scheduler.pump() > 0) {
          this.inline.push(next);
          deferred = true;
          break;
        }
        const mark = this.inline.length;
        this.runInline(next);
        this.reverseFrom(mark);
      }
    } finally {
      this.inlineMark = this.inline.length;
      this.flushing = false;
    }
    if (deferred) {
      this.deferred = true;
      queueMicrotask(() => {
        this.deferred = false;
        this.flush();
        this.checkDone();
      });
      return;
    }
    scheduler.pump();
  }

  /** Reverses the inline stack from `mark` up, so the first node of the latest batch is on top. */
  private reverseFrom(mark: number): void {
    const stack = this.inline;
    for (let low = mark, high = stack.length - 1; low < high; low++, high--) {
      const swap = stack[low] as string;
      stack[low] = stack[high] as string;
      stack[high] = swap;
    }
  }

  private runInline(id: string): void {
    if (!this.state.tryStart(id)) return;
    const node = this.state.nodeOf(id) as ExecNode<R>;
    this.events?.started(node, 0);
    let outcome: NodeOutcome<R> | Promise<NodeOutcome<R>>;
    try {
      outcome = this.step(node, this.contextFor(node, 0, this.controller.signal));
    } catch (error) {
      this.onError(node, error);
      return;
    }
    if (!(outcome instanceof Promise)) {
      this.settle(node, outcome);
      return;
    }
    this.busy++;
    outcome.then(
      (value) => {
        this.busy--;
        this.settle(node, value);
      },
      (error: unknown) => {
        this.busy--;
        this.onError(node, error);
      },
    );
  }

  private settle(node: ExecNode<R>, outcome: NodeOutcome<R>): void {
    const id = node.id;
    if (this.state.status(id) !== TaskStatus.IN_PROGRESS) {
      this.checkDone();
      return;
    }
    if (isExpandOutcome(outcome)) {
      const { nodes, waitFor, gather, count, groupSize = 0, more, elementPrefix } = outcome.expand;
      const base = this.ranks.rankOf(id);
      this.gathers.set(id, gather);
      this.ranks.add(nodes, base, id, groupSize);
      this.state.expand(id, nodes, waitFor, more !== undefined);
      // After `expand`, so the template's dependencies are the ones the state holds.
      if (this.events) {
        const template =
          elementPrefix && groupSize > 0
            ? expansionTemplate(nodes.slice(0, groupSize), waitFor, elementPrefix, (child) =>
                this.state.dependencies(child),
              )
            : undefined;
        this.events.node(node, {
          type: "node.expanded",
          count,
          nodes: groupSize > 0 ? count * groupSize : nodes.length,
          ...(template ? { template } : {}),
        });
      }
      for (const child of nodes) if (this.state.isResumed(child.id)) this.reportResumed(child.id);
      if (more) this.continueExpansion(node, more, base, groupSize);
    } else {
      const report = this.finishReport(node, TaskStatus.COMPLETED, outcome.details);
      this.state.markComplete(id, outcome.value);
      this.events?.finished(
        node,
        report?.durationMs ?? 0,
        outcome.details,
        isErrorValue(outcome.value),
        report?.finishedAt,
      );
      if (this.options.onNodeComplete) {
        const now = this.clock.now();
        const inline = reportOf(node, TaskStatus.COMPLETED, now, now, 0, outcome.details);
        this.options.onNodeComplete(node, outcome.value, report ?? inline);
      }
      if (outcome.skip && outcome.skip.length > 0) {
        for (const skipped of this.state.skip(outcome.skip)) {
          this.events?.node(this.state.nodeOf(skipped) as ExecNode<R>, { type: "node.skipped" });
        }
      }
    }
    this.flush();
    this.checkDone();
  }

  private onError(node: ExecNode<R>, error: unknown): void {
    const id = node.id;
    if (this.state.status(id) !== TaskStatus.IN_PROGRESS) {
      this.checkDone();
      return;
    }
    const timer = this.book.timerOf(id);
    if (timer?.timedOut) {
      this.fail(node, timer.timeoutError);
      return;
    }
    const decision = decideFailure(error, this.state.retryCount(id), this.options);
    if (decision.action === "fail") {
      if (decision.stopsLlm && this.llmStop.reason === undefined) this.llmStop.reason = error;
      this.fail(node, error);
      return;
    }
    this.events?.node(node, {
      type: "node.retried",
      attempt: this.state.retryCount(id) + 1,
      delayMs: decision.delayMs,
      error: errorInfo(error),
    });
    this.busy++;
    this.clock.sleep(decision.delayMs, timer?.signal ?? this.controller.signal).then(
      () => {
        this.busy--;
        this.state.requeue(id);
        this.flush();
        this.checkDone();
      },
      () => {
        this.busy--;
        if (timer?.timedOut && this.state.status(id) === TaskStatus.IN_PROGRESS)
          this.fail(node, timer.timeoutError);
        else this.checkDone();
      },
    );
  }

  private fail(node: ExecNode<R>, error: unknown): void {
    const report = this.finishReport(node, TaskStatus.FAILED, undefined);
    this.failures++;
    const cancelled = this.state.markFailed(node.id, error);
    this.events?.node(node, {
      type: "node.failed",
      durationMs: report?.durationMs ?? 0,
      error: errorInfo(error),
    });
    for (const id of cancelled) this.emitCancelled(id, "ancestor_failed", node.id);
    this.flush();
    this.checkDone();
  }

  private checkDone(): void {
    if (this.finished || this.busy > 0 || !this.state.isComplete()) return;
    this.finished = true;
    this.options.signal?.removeEventListener("abort", this.onCallerAbort);
    this.book.stopAll();
    this.finalTotals = totalsOf(this.book.reports.values());
    this.events?.runFinished(this.book.reports.values(), this.finalTotals, this.status, this.startedAt);
    this.resolveDone();
  }

  private step(node: ExecNode<R>, context: NodeContext<R>): NodeOutcome<R> | Promise<NodeOutcome<R>> {
    const gather = this.gathers.size === 0 ? undefined : this.gathers.get(node.id);
    return gather ? gather(context) : node.execute(context);
  }

  private contextFor(node: ExecNode<R>, attempt: number, signal: AbortSignal | undefined): NodeContext<R> {
    return new GraphNodeContext(this.state, node, attempt, this.ranks.rankOf(node.id), signal);
  }

  /** Adds the rest of an expansion chunk by chunk, one chunk per turn of the event loop. */
  private continueExpansion(
    node: ExecNode<R>,
    more: () => ExpansionChunk<R> | undefined,
    base: number,
    groupSize: number,
  ): void {
    this.busy++;
    setImmediate(() => {
      this.busy--;
      const id = node.id;
      if (this.state.status(id) === TaskStatus.BLOCKED) {
        const chunk = more();
        if (chunk) {
          this.ranks.add(chunk.nodes, base, id, groupSize);
          this.state.extendExpansion(id, chunk.nodes, chunk.waitFor);
          for (const child of chunk.nodes) if (this.state.isResumed(child.id)) this.reportResumed(child.id);
          this.continueExpansion(node, more, base, groupSize);
        } else {
          this.state.closeExpansion(id);
        }
      }
      this.flush();
      this.checkDone();
    });
  }

  private finishReport(
    node: ExecNode<R>,
    status: TaskStatus,
    details: NodeReport["details"],
  ): NodeReport | undefined {
    return this.book.finish(node, status, this.state.retryCount(node.id), details);
  }

  private reportResumed(id: string): void {
    const node = this.state.nodeOf(id) as ExecNode<R>;
    this.book.resumed(node);
    this.events?.node(node, { type: "node.finished", durationMs: 0, resumed: true });
  }

  private emitCancelled(id: string, reason: CancelReason, cause?: string): void {
    this.events?.cancelled(this.state.nodeOf(id) as ExecNode<R>, reason, cause);
  }
}

/** Whether a result is an ERROR Value (results are opaque here; Values carry `kind`). */
function isErrorValue(value: unknown): boolean {
  return (value as { kind?: unknown } | null)?.kind === "error";
}
