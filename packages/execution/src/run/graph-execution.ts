import { type Clock, systemClock } from "@weft/core";
import { type CancelReason, errorInfo, type RuntimeEvent } from "../events/runtime-events.js";
import { type ExecNode, isExpandOutcome, type NodeContext, type NodeOutcome } from "../graph/exec-node.js";
import { criticalPathRanks } from "../scheduler/critical-path.js";
import type { PriorityMode, Scheduler, TaskOwner } from "../scheduler/scheduler.js";
import { ExecutionState } from "../state/execution-state.js";
import { TaskStatus } from "../state/task-status.js";
import { type NodeReport, totalsOf } from "./node-report.js";
import { NodeTimer } from "./node-timer.js";
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
  readonly signal?: AbortSignal;
  /** Default: `"critical-path"`. */
  readonly priorityMode?: PriorityMode;
  /** Bound on each node over all its attempts, in ms. Default: none. */
  readonly taskTimeoutMs?: number;
  /** Estimated cost of a node for critical-path ranks. Default: {@link defaultCost}. */
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

/** Critical-path cost estimate by node kind: 1 per LLM call, 0.5 per leaf, 0.001 for data operations. */
export function defaultCost(node: { readonly kind: string; readonly cost?: number }): number {
  if (node.cost !== undefined) return node.cost;
  if (node.kind === "llm") return 1;
  if (node.kind === "leaf") return 0.5;
  return 0.001;
}

type Step<R> = (context: NodeContext<R>) => NodeOutcome<R> | Promise<NodeOutcome<R>>;

/**
 * Runs one graph on a shared {@link Scheduler}: keeps its {@link ExecutionState}, queues ready nodes by
 * priority and rank, runs inline nodes at once, handles each node's outcome (value, skip, fan-out) and failure
 * (retry, fail and cancel descendants, budget stop, timeout), and emits the runtime events. `start()` resolves
 * when every node is terminal and nothing it started is still running.
 */
export class GraphExecution<R> implements TaskOwner {
  readonly state: ExecutionState<R>;
  readonly reports = new Map<string, NodeReport>();
  readonly done: Promise<void>;
  private readonly nodes = new Map<string, ExecNode<R>>();
  private readonly ranks: Map<string, number>;
  private readonly timers = new Map<string, NodeTimer>();
  private readonly gathers = new Map<string, Step<R>>();
  private readonly queued: [string, number][] = [];
  private readonly inline: string[] = [];
  private readonly clock: Clock;
  private readonly controller = new AbortController();
  private readonly llmStop: LlmStop;
  private readonly startedAt: number;
  private resolveDone: () => void = () => {};
  private inlineHead = 0;
  private queuedHead = 0;
  private flushing = false;
  private busy = 0;
  private finished = false;
  private aborted = false;

  constructor(
    nodes: readonly ExecNode<R>[],
    private readonly options: GraphExecutionOptions<R>,
  ) {
    this.clock = options.clock ?? systemClock;
    this.llmStop = options.llmStop ?? { reason: undefined };
    this.startedAt = this.clock.now();
    for (const node of nodes) this.nodes.set(node.id, node);
    this.ranks = this.rank(nodes, 0);
    this.done = new Promise<void>((resolve) => {
      this.resolveDone = resolve;
    });
    this.state = new ExecutionState<R>(nodes, {
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

  /** The node with this id (expanded nodes included). */
  node(id: string): ExecNode<R> | undefined {
    return this.nodes.get(id);
  }

  /** Starts the graph; resolves when it is done. */
  start(): Promise<void> {
    const signal = this.options.signal;
    if (signal) {
      if (signal.aborted) this.abort(signal.reason);
      else signal.addEventListener("abort", this.onCallerAbort, { once: true });
    }
    this.emitRunStarted();
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
    for (const timer of this.timers.values()) timer.stop();
    this.options.scheduler.drop(this);
    this.checkDone();
  }

  isRunnable(id: string, generation: number): boolean {
    return this.state.isRunnable(id, generation);
  }

  async runTask(id: string): Promise<void> {
    const node = this.nodes.get(id) as ExecNode<R>;
    this.state.markStarted(id);
    if (node.kind === "llm" && this.llmStop.reason !== undefined) {
      for (const cancelled of this.state.cancel(id, this.llmStop.reason))
        this.emitCancelled(cancelled, "budget");
      this.checkDone();
      return;
    }
    let timer = this.timers.get(id);
    if (!timer) {
      timer = new NodeTimer(id, this.clock, this.controller.signal, this.options.taskTimeoutMs);
      this.timers.set(id, timer);
    }
    const attempt = this.state.retryCount(id);
    this.busy++;
    this.emitNode(node, { type: "node.started", attempt });
    let outcome: NodeOutcome<R>;
    try {
      outcome = await this.stepOf(id)(this.contextFor(node, attempt, timer.signal));
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
    if ((this.nodes.get(id) as ExecNode<R>).inline) this.inline.push(id);
    else this.queued.push([id, generation]);
  }

  /** Runs inline nodes and hands queued ones to the scheduler until both buffers are empty. Re-entrant-safe. */
  private flush(): void {
    if (this.flushing) return;
    this.flushing = true;
    try {
      for (;;) {
        if (this.inlineHead < this.inline.length) {
          this.runInline(this.inline[this.inlineHead++] as string);
          continue;
        }
        if (this.queuedHead >= this.queued.length) break;
        const entry = this.queued[this.queuedHead++] as [string, number];
        const [id, generation] = entry;
        const node = this.nodes.get(id) as ExecNode<R>;
        const priority = node.priority ?? 0;
        const rank = this.options.priorityMode === "fifo" ? 0 : (this.ranks.get(id) ?? 0);
        this.emitNode(node, { type: "node.queued", priority, rank });
        this.options.scheduler.add(this, id, generation, priority, rank);
      }
    } finally {
      this.inline.length = 0;
      this.inlineHead = 0;
      this.queued.length = 0;
      this.queuedHead = 0;
      this.flushing = false;
    }
    this.options.scheduler.pump();
  }

  private runInline(id: string): void {
    if (this.state.status(id) !== TaskStatus.PENDING) return;
    const node = this.nodes.get(id) as ExecNode<R>;
    this.state.markStarted(id);
    this.emitNode(node, { type: "node.started", attempt: 0 });
    let outcome: NodeOutcome<R> | Promise<NodeOutcome<R>>;
    try {
      outcome = this.stepOf(id)(this.contextFor(node, 0, this.controller.signal));
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
      const { nodes, waitFor, gather, count } = outcome.expand;
      for (const child of nodes) this.nodes.set(child.id, child);
      for (const [childId, rank] of this.rank(nodes, this.ranks.get(id) ?? 0)) this.ranks.set(childId, rank);
      this.gathers.set(id, gather);
      this.emitNode(node, { type: "node.expanded", count, nodes: nodes.length });
      this.state.expand(id, nodes, waitFor);
      for (const child of nodes) if (this.state.isResumed(child.id)) this.reportResumed(child.id);
    } else {
      const report = this.finishReport(node, TaskStatus.COMPLETED, outcome.details);
      this.state.markComplete(id, outcome.value);
      this.emitNode(node, {
        type: "node.finished",
        durationMs: report.durationMs,
        ...finishedFields(outcome.details, this.isErrorValue(outcome.value)),
      });
      this.options.onNodeComplete?.(node, outcome.value, report);
      if (outcome.skip && outcome.skip.length > 0) {
        for (const skipped of this.state.skip(outcome.skip)) {
          this.emitNode(this.nodes.get(skipped) as ExecNode<R>, { type: "node.skipped" });
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
    const timer = this.timers.get(id);
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
    this.emitNode(node, {
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
    const cancelled = this.state.markFailed(node.id, error);
    this.emitNode(node, { type: "node.failed", durationMs: report.durationMs, error: errorInfo(error) });
    for (const id of cancelled) this.emitCancelled(id, "ancestor_failed", node.id);
    this.flush();
    this.checkDone();
  }

  private checkDone(): void {
    if (this.finished || this.busy > 0 || !this.state.isComplete()) return;
    this.finished = true;
    this.options.signal?.removeEventListener("abort", this.onCallerAbort);
    for (const timer of this.timers.values()) timer.stop();
    this.emitRunFinished();
    this.resolveDone();
  }

  private stepOf(id: string): Step<R> {
    const gather = this.gathers.get(id);
    if (gather) return gather;
    const node = this.nodes.get(id) as ExecNode<R>;
    return (context) => node.execute(context);
  }

  private contextFor(node: ExecNode<R>, attempt: number, signal: AbortSignal | undefined): NodeContext<R> {
    const state = this.state;
    return {
      node,
      attempt,
      rank: this.ranks.get(node.id) ?? 0,
      signal,
      resultOf: (id) => {
        if (state.status(id) !== TaskStatus.COMPLETED) {
          throw new Error(`node "${node.id}" read the result of "${id}", which is ${state.status(id)}`);
        }
        return state.result(id) as R;
      },
    };
  }

  private rank(nodes: readonly ExecNode<R>[], base: number): Map<string, number> {
    if (this.options.priorityMode === "fifo") return new Map();
    const costOf = this.options.costOf ?? defaultCost;
    const ranks = criticalPathRanks(nodes, costOf);
    if (base !== 0) for (const [id, rank] of ranks) ranks.set(id, rank + base);
    return ranks;
  }

  private finishReport(node: ExecNode<R>, status: TaskStatus, details: NodeReport["details"]): NodeReport {
    const timer = this.timers.get(node.id);
    timer?.stop();
    const now = this.clock.now();
    const startedAt = timer?.startedAt ?? now;
    const report: NodeReport = {
      id: node.id,
      kind: node.kind,
      modulePath: node.modulePath,
      ...(node.alias === undefined ? {} : { alias: node.alias }),
      status,
      startedAt,
      finishedAt: now,
      durationMs: now - startedAt,
      retryCount: this.state.retryCount(node.id),
      resumed: false,
      details,
    };
    this.reports.set(node.id, report);
    return report;
  }

  private reportResumed(id: string): void {
    const node = this.nodes.get(id) as ExecNode<R>;
    this.reports.set(id, {
      id,
      kind: node.kind,
      modulePath: node.modulePath,
      ...(node.alias === undefined ? {} : { alias: node.alias }),
      status: TaskStatus.COMPLETED,
      startedAt: undefined,
      finishedAt: undefined,
      durationMs: 0,
      retryCount: 0,
      resumed: true,
      details: undefined,
    });
    this.emitNode(node, { type: "node.finished", durationMs: 0, resumed: true });
  }

  private isErrorValue(value: R): boolean {
    return (value as { kind?: unknown } | null)?.kind === "error";
  }

  private emitCancelled(id: string, reason: CancelReason, cause?: string): void {
    const node = this.nodes.get(id) as ExecNode<R>;
    this.emitNode(node, { type: "node.cancelled", reason, ...(cause === undefined ? {} : { cause }) });
  }

  private emitNode(node: ExecNode<R>, fields: NodeEventFields): void {
    const emit = this.options.emit;
    if (!emit) return;
    emit({
      ...fields,
      time: this.clock.now(),
      context: this.contextOf(node),
      kind: node.kind,
      ...(node.alias === undefined ? {} : { alias: node.alias }),
    } as RuntimeEvent);
  }

  private contextOf(node?: ExecNode<R>) {
    const { runId, itemId } = this.options;
    return {
      runId,
      ...(itemId === undefined ? {} : { itemId }),
      ...(node ? { nodeId: node.id, modulePath: node.modulePath } : {}),
    };
  }

  private emitRunStarted(): void {
    const emit = this.options.emit;
    if (!emit) return;
    const nodes = [...this.nodes.values()].map((node) => ({
      id: node.id,
      kind: node.kind,
      modulePath: node.modulePath,
      ...(node.alias === undefined ? {} : { alias: node.alias }),
      dependencies: this.state.dependencies(node.id),
    }));
    emit({ type: "run.started", time: this.clock.now(), context: this.contextOf(), graph: { nodes } });
  }

  private emitRunFinished(): void {
    const emit = this.options.emit;
    if (!emit) return;
    const failed = [...this.reports.values()].filter((r) => r.status === TaskStatus.FAILED).map((r) => r.id);
    const { usage, costUsd } = totalsOf(this.reports.values());
    emit({
      type: "run.finished",
      time: this.clock.now(),
      context: this.contextOf(),
      status: this.aborted ? "cancelled" : failed.length > 0 ? "failed" : "completed",
      durationMs: this.clock.now() - this.startedAt,
      usage,
      costUsd,
      failed,
    });
  }
}

type NodeEventFields = { readonly type: string; readonly [field: string]: unknown };

function finishedFields(details: NodeReport["details"], errorValue: boolean): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  if (details?.usage) fields.usage = details.usage;
  if (typeof details?.costUsd === "number") fields.costUsd = details.costUsd;
  if (typeof details?.calls === "number") fields.calls = details.calls;
  if (typeof details?.timeToFirstTokenMs === "number") fields.timeToFirstTokenMs = details.timeToFirstTokenMs;
  if (errorValue) fields.errorValue = true;
  return fields;
}
