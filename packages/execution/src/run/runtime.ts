import { randomUUID } from "node:crypto";
import { type Clock, type Module, systemClock, type Value } from "@weft/core";
import type { BudgetTracker, ResourceManager } from "@weft/resources";
import { type InferenceGraph, type LLMNode, trace } from "@weft/tracing";
import { NoResourcesError } from "../errors/no-resources-error.js";
import type { RuntimeEvent, RuntimeEventContext } from "../events/runtime-events.js";
import type { ExecNode, NodeContext } from "../graph/exec-node.js";
import { type NodeEnvironment, toExecNodes } from "../graph/graph-nodes.js";
import { runLlmNode } from "../llm/run-llm-node.js";
import { buildForwardRecord } from "../record/forward-record.js";
import { isGradEnabled } from "../record/no-grad.js";
import { Scheduler } from "../scheduler/scheduler.js";
import type { ExecutionSettings } from "../settings/execution-settings.js";
import { managerFor } from "../settings/manager-for.js";
import { budgetFor, inRunScope } from "../settings/run-scope.js";
import { nodeEventContext } from "./event-context.js";
import { GraphExecution, type LlmStop } from "./graph-execution.js";
import type { NodeReport } from "./node-report.js";
import { NodeTimeline } from "./node-timeline.js";
import { buildRunResult, type RunResult } from "./run-result.js";

/** What a checkpoint layer hooks into one item's run, once its graph is known. */
export interface ItemPreparation {
  /** Node results to start from. */
  readonly resumed?: ReadonlyMap<string, Value>;
  readonly onNodeComplete?: (node: ExecNode<Value>, value: Value, report: NodeReport) => void;
}

/** One input to run on a {@link Runtime}. */
export interface RuntimeItem {
  readonly args: readonly unknown[];
  /** Index in a batch or stream (also the item id in events). */
  readonly index?: number;
  /** Aborts this item only (a stream's early exit). */
  readonly signal?: AbortSignal;
  /** Called after tracing, before running. */
  prepare?(graph: InferenceGraph): ItemPreparation | undefined;
}

/**
 * What a run, batch or stream shares: the resolved settings, one resource manager, one scheduler (one global
 * concurrency cap and ready queue), the budget, the budget stop, and the event plumbing (runtime events to the
 * bus and the profiler; the manager's events of this run to the profiler, call deltas as `node.delta`).
 */
export class Runtime {
  readonly runId: string;
  readonly clock: Clock;
  readonly manager: ResourceManager | undefined;
  readonly scheduler: Scheduler;
  readonly budget: BudgetTracker | undefined;
  readonly emit: ((event: RuntimeEvent) => void) | undefined;
  /** The caller's signal: aborts every item. */
  readonly signal: AbortSignal | undefined;
  private readonly llmStop: LlmStop = { reason: undefined };
  private readonly unsubscribe: (() => void) | undefined;
  /** Whether the only subscriber (a profiler) keeps no event objects, so node events may be reused. */
  private readonly reuseNodeEvents: boolean;
  /** The node times the profiler reads instead of per-node events, when it asked for them. */
  private readonly timeline: NodeTimeline | undefined;
  /** Where the per-node events go when there is a timeline: the bus alone. */
  private readonly emitNodeTimes: ((event: RuntimeEvent) => void) | undefined;

  constructor(
    readonly settings: ExecutionSettings,
    options: { readonly runId?: string; readonly signal?: AbortSignal; readonly label: string },
  ) {
    this.runId = options.runId ?? randomUUID();
    this.clock = settings.clock ?? systemClock;
    this.manager = managerFor(settings.resources, settings.clock);
    this.scheduler = new Scheduler({ maxConcurrency: settings.maxConcurrency ?? 100 });
    this.budget = budgetFor(settings.budget, options.label);
    this.signal = options.signal;
    const { events, profiler } = settings;
    this.reuseNodeEvents = events === undefined && profiler?.transientEvents === true;
    this.timeline = profiler?.nodeTimeline === true ? new NodeTimeline() : undefined;
    this.emitNodeTimes = this.timeline && events ? (event) => events.emit(event) : undefined;
    const timeline = this.timeline;
    this.emit =
      events || profiler
        ? (event) => {
            // The timeline is the profiler's: the bus gets `run.started` without it.
            events?.emit(
              timeline && event.type === "run.started" ? { ...event, timeline: undefined } : event,
            );
            profiler?.onEvent(event);
          }
        : undefined;
    const emit = this.emit;
    if (this.manager && emit) {
      this.unsubscribe = this.manager.events.onAny((event) => {
        if (event.context?.runId !== this.runId) return;
        profiler?.onEvent(event);
        if (event.type === "call.delta") {
          events?.emit({
            type: "node.delta",
            time: event.time,
            context: event.context as RuntimeEventContext,
            kind: "llm",
            alias: event.alias,
            delta: event.delta,
            deltaKind: event.kind,
          });
        }
      });
    }
  }

  /** Traces `module` on the item's arguments and runs the graph; resolves with its result. */
  async execute<T>(module: Module, item: RuntimeItem): Promise<RunResult<T>> {
    const graph = (trace as (m: Module, ...args: readonly unknown[]) => InferenceGraph)(module, ...item.args);
    const prepared = item.prepare?.(graph);
    const record = isGradEnabled() && (this.settings.record ?? module.training);
    const itemId = item.index === undefined ? undefined : String(item.index);
    const env: NodeEnvironment = {
      graph,
      record,
      runLlm: (node, prompt, context) => this.runLlm(node, prompt, context, itemId),
    };
    const nodes = toExecNodes(
      graph.order.map((id) => graph.node(id)),
      env,
    );
    const signals = [this.signal, item.signal].filter((s): s is AbortSignal => s !== undefined);
    const settings = this.settings;
    const execution = new GraphExecution<Value>(nodes, {
      scheduler: this.scheduler,
      clock: this.clock,
      runId: this.runId,
      ...(itemId === undefined ? {} : { itemId }),
      ...(this.emit ? { emit: this.emit, reuseNodeEvents: this.reuseNodeEvents } : {}),
      ...(this.timeline ? { timeline: this.timeline } : {}),
      ...(this.emitNodeTimes ? { emitNodeTimes: this.emitNodeTimes } : {}),
      ...(signals.length === 0
        ? {}
        : { signal: signals.length === 1 ? signals[0] : AbortSignal.any(signals) }),
      ...(settings.priority ? { priorityMode: settings.priority } : {}),
      ...(settings.taskTimeoutMs === undefined ? {} : { taskTimeoutMs: settings.taskTimeoutMs }),
      ...(settings.maxTaskRetries === undefined ? {} : { maxTaskRetries: settings.maxTaskRetries }),
      ...(settings.taskRetryDelayMs === undefined ? {} : { taskRetryDelayMs: settings.taskRetryDelayMs }),
      ...(settings.maxRateLimitRetries === undefined
        ? {}
        : { maxRateLimitRetries: settings.maxRateLimitRetries }),
      ...(settings.costOf ? { costOf: settings.costOf as (node: ExecNode<Value>) => number } : {}),
      record,
      ...(prepared?.resumed ? { resumed: prepared.resumed } : {}),
      ...(prepared?.onNodeComplete ? { onNodeComplete: prepared.onNodeComplete } : {}),
      llmStop: this.llmStop,
    });
    const startedAt = this.clock.now();
    await inRunScope({ runId: this.runId, budget: this.budget }, () => execution.start());
    const finishedAt = this.clock.now();
    const tape = record ? buildForwardRecord(graph, execution) : undefined;
    const result = buildRunResult<T>(
      this.runId,
      graph,
      execution,
      { startedAt, finishedAt, durationMs: finishedAt - startedAt },
      tape,
    );
    return item.index === undefined ? result : { ...result, index: item.index };
  }

  /** Stops forwarding the manager's events. */
  close(): void {
    this.unsubscribe?.();
  }

  private runLlm(node: LLMNode, prompt: string, context: NodeContext<Value>, itemId: string | undefined) {
    const alias = node.module?.alias ?? "";
    if (!this.manager) throw new NoResourcesError(node.id, alias);
    const llm = this.settings.llm;
    return runLlmNode(node.module as NonNullable<LLMNode["module"]>, prompt, {
      maxStructuredAttempts: llm?.maxStructuredAttempts,
      maxToolSteps: llm?.maxToolSteps,
      stream: llm?.stream,
      callTimeoutMs: llm?.callTimeoutMs,
      sampleId: llm?.sampleId,
      manager: this.manager,
      clock: this.clock,
      context: nodeEventContext(context.node, this.runId, itemId),
      signal: context.signal,
      budget: this.budget,
      priority: context.rank - 1_000_000 * node.priority,
      emit: this.emit,
    });
  }
}
