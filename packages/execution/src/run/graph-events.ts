import type { Clock } from "@weft/core";
import type {
  CancelReason,
  NodeStartedEvent,
  RunStatus,
  RuntimeEvent,
  RuntimeEventContext,
} from "../events/runtime-events.js";
import type { NodeDetails } from "../graph/exec-node.js";
import { type ContextNode, nodeEventContext } from "./event-context.js";
import type { NodeReport, RunTotals } from "./node-report.js";
import type { NodeTimeline, TimelineItem, TimelineNode } from "./node-timeline.js";
import {
  blankFinished,
  blankFinishedWithDetails,
  blankQueued,
  blankStarted,
  type Mutable,
  ReusedNodeEvents,
} from "./reused-node-events.js";

/** The node fields events need. */
interface EventNode extends ContextNode, TimelineNode {}

/** Where one graph's events go. */
export interface GraphEventsOptions {
  /** Every event, except the three per-node ones when there is a `timeline`. */
  readonly emit: (event: RuntimeEvent) => void;
  readonly clock: Clock;
  readonly runId: string;
  readonly itemId: string | undefined;
  /** Pass the per-node events as one refilled object each (see {@link ReusedNodeEvents}). Default: false. */
  readonly reuse?: boolean | undefined;
  /**
   * Where each node's queue, start and finish times are written. With it, `node.queued`, `node.started` and
   * `node.finished` go to `emitNodeTimes` instead of `emit`, and are not built at all without it. Default: none.
   */
  readonly timeline?: NodeTimeline | undefined;
  readonly emitNodeTimes?: ((event: RuntimeEvent) => void) | undefined;
}

/** The fields every per-node event has. */
type CommonNodeEventFields = Pick<NodeStartedEvent, "time" | "context" | "kind" | "alias">;

/** The fields of a node event besides those every node event has. */
export type NodeEventFields = { readonly type: string; readonly [field: string]: unknown };

/** Builds and emits one graph's runtime events (only called when somebody listens). */
export class GraphEvents {
  private readonly reused: ReusedNodeEvents | undefined;
  private readonly emit: (event: RuntimeEvent) => void;
  private readonly clock: Clock;
  private readonly runId: string;
  private readonly itemId: string | undefined;
  private readonly timeline: NodeTimeline | undefined;
  /** This graph's run and item, as the timeline's rows name them. */
  private readonly item: TimelineItem;
  /** Where the three per-node events go; `undefined` when nobody takes them. */
  private readonly emitNodeTimes: ((event: RuntimeEvent) => void) | undefined;

  constructor(options: GraphEventsOptions) {
    this.emit = options.emit;
    this.clock = options.clock;
    this.runId = options.runId;
    this.itemId = options.itemId;
    this.timeline = options.timeline;
    this.item = { runId: options.runId, itemId: options.itemId };
    this.emitNodeTimes = options.timeline === undefined ? options.emit : options.emitNodeTimes;
    this.reused = options.reuse === true ? new ReusedNodeEvents() : undefined;
  }

  /** A rare node event (expanded, skipped, retried, failed, resumed): `fields` is copied into the event. */
  node(node: EventNode, fields: NodeEventFields): void {
    this.emit({
      ...fields,
      time: this.clock.now(),
      context: this.contextOf(node),
      kind: node.kind,
      ...(node.alias === undefined ? {} : { alias: node.alias }),
    } as RuntimeEvent);
  }

  // The three events every executed node emits are fixed-shape objects (no spreads, no added fields) on the node's
  // kept context, at a time the caller already read when it has one: with a profiler on, a 100k-node run emits
  // about 230k of them. Each is the reused object of its kind when there is one, else a new blank one; both are
  // filled the same way. `alias` is present (possibly undefined) on every node event.

  // With a timeline, each of the three is a write to it, and an event only for whoever else takes them.

  queued(node: EventNode, priority: number, rank: number, time: number): void {
    this.timeline?.queued(node, this.item, time);
    const emit = this.emitNodeTimes;
    if (emit === undefined) return;
    const event = this.fill(this.reused?.queued ?? blankQueued(), node, time);
    event.priority = priority;
    event.rank = rank;
    emit(event);
  }

  started(node: EventNode, attempt: number, time: number = this.clock.now()): void {
    this.timeline?.started(node, this.item, time);
    const emit = this.emitNodeTimes;
    if (emit === undefined) return;
    const event = this.fill(this.reused?.started ?? blankStarted(), node, time);
    event.attempt = attempt;
    emit(event);
  }

  cancelled(node: EventNode, reason: CancelReason, cause?: string): void {
    this.node(node, { type: "node.cancelled", reason, ...(cause === undefined ? {} : { cause }) });
  }

  finished(
    node: EventNode,
    durationMs: number,
    details: NodeDetails | undefined,
    errorValue: boolean,
    time: number = this.clock.now(),
  ): void {
    this.timeline?.finished(node, this.item, time);
    const emit = this.emitNodeTimes;
    if (emit === undefined) return;
    if (details === undefined && !errorValue) {
      const event = this.fill(this.reused?.finished ?? blankFinished(), node, time);
      event.durationMs = durationMs;
      emit(event);
      return;
    }
    const event = this.fill(this.reused?.finishedWithDetails ?? blankFinishedWithDetails(), node, time);
    event.durationMs = durationMs;
    event.usage = details?.usage;
    event.costUsd = typeof details?.costUsd === "number" ? details.costUsd : undefined;
    event.calls = typeof details?.calls === "number" ? details.calls : undefined;
    event.timeToFirstTokenMs =
      typeof details?.timeToFirstTokenMs === "number" ? details.timeToFirstTokenMs : undefined;
    event.errorValue = errorValue ? true : undefined;
    emit(event);
  }

  runStarted(nodes: Iterable<EventNode>, dependencies: (id: string) => readonly string[]): void {
    const graph = [...nodes].map((node) => ({
      id: node.id,
      kind: node.kind,
      modulePath: node.modulePath,
      ...(node.alias === undefined ? {} : { alias: node.alias }),
      dependencies: dependencies(node.id),
    }));
    this.emit({
      type: "run.started",
      time: this.clock.now(),
      context: this.contextOf(),
      graph: { nodes: graph },
      ...(this.timeline === undefined ? {} : { timeline: this.timeline }),
    });
  }

  /** `run.finished`, with the run's `totals` (summed once by the caller, which also reports them). */
  runFinished(reports: Iterable<NodeReport>, totals: RunTotals, status: RunStatus, startedAt: number): void {
    const failed: string[] = [];
    for (const report of reports) if (report.status === "failed") failed.push(report.id);
    const { usage, costUsd } = totals;
    this.emit({
      type: "run.finished",
      time: this.clock.now(),
      context: this.contextOf(),
      status,
      durationMs: this.clock.now() - startedAt,
      usage,
      costUsd,
      failed,
    });
  }

  /** Sets the fields every node event has; returns `event`. */
  private fill<E extends Mutable<CommonNodeEventFields>>(event: E, node: EventNode, time: number): E {
    event.time = time;
    event.context = this.contextOf(node);
    event.kind = node.kind;
    event.alias = node.alias;
    return event;
  }

  private contextOf(node?: EventNode): RuntimeEventContext {
    if (node === undefined) {
      return this.itemId === undefined ? { runId: this.runId } : { runId: this.runId, itemId: this.itemId };
    }
    return nodeEventContext(node, this.runId, this.itemId);
  }
}
