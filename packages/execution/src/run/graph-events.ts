import type { Clock } from "@weft/core";
import type {
  CancelReason,
  NodeKind,
  RunStatus,
  RuntimeEvent,
  RuntimeEventContext,
} from "../events/runtime-events.js";
import type { NodeDetails } from "../graph/exec-node.js";
import { type ContextNode, nodeEventContext } from "./event-context.js";
import { type NodeReport, totalsOf } from "./node-report.js";
import { ReusedNodeEvents } from "./reused-node-events.js";

/** The node fields events need. */
interface EventNode extends ContextNode {
  readonly kind: NodeKind;
  readonly alias?: string | undefined;
}

/** The fields of a node event besides those every node event has. */
export type NodeEventFields = { readonly type: string; readonly [field: string]: unknown };

/** Builds and emits one graph's runtime events (only called when somebody listens). */
export class GraphEvents {
  private readonly reused: ReusedNodeEvents | undefined;

  /** With `reuse`, the per-node events are one refilled object each (see {@link ReusedNodeEvents}). */
  constructor(
    private readonly emit: (event: RuntimeEvent) => void,
    private readonly clock: Clock,
    private readonly runId: string,
    private readonly itemId: string | undefined,
    reuse = false,
  ) {
    this.reused = reuse ? new ReusedNodeEvents() : undefined;
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

  // The three events every executed node emits are built as fixed-shape literals (no spreads) on the node's kept
  // context, at a time the caller already read when it has one: with a profiler on, a 100k-node run builds about
  // 300k of them. `alias` is present (possibly undefined) on every node event.

  queued(node: EventNode, priority: number, rank: number, time: number): void {
    const reused = this.reused?.queued;
    if (reused) {
      reused.time = time;
      reused.context = this.contextOf(node);
      reused.kind = node.kind;
      reused.alias = node.alias;
      reused.priority = priority;
      reused.rank = rank;
      this.emit(reused);
      return;
    }
    this.emit({
      type: "node.queued",
      time,
      context: this.contextOf(node),
      kind: node.kind,
      alias: node.alias,
      priority,
      rank,
    });
  }

  started(node: EventNode, attempt: number, time: number = this.clock.now()): void {
    const reused = this.reused?.started;
    if (reused) {
      reused.time = time;
      reused.context = this.contextOf(node);
      reused.kind = node.kind;
      reused.alias = node.alias;
      reused.attempt = attempt;
      this.emit(reused);
      return;
    }
    this.emit({
      type: "node.started",
      time,
      context: this.contextOf(node),
      kind: node.kind,
      alias: node.alias,
      attempt,
    });
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
    const context = this.contextOf(node);
    const reused = this.reused;
    if (details === undefined && !errorValue) {
      if (!reused) {
        this.emit({ type: "node.finished", time, context, kind: node.kind, alias: node.alias, durationMs });
        return;
      }
      const event = reused.finished;
      event.time = time;
      event.context = context;
      event.kind = node.kind;
      event.alias = node.alias;
      event.durationMs = durationMs;
      this.emit(event);
      return;
    }
    if (reused) {
      const event = reused.finishedWithDetails;
      event.time = time;
      event.context = context;
      event.kind = node.kind;
      event.alias = node.alias;
      event.durationMs = durationMs;
      event.usage = details?.usage;
      event.costUsd = typeof details?.costUsd === "number" ? details.costUsd : undefined;
      event.calls = typeof details?.calls === "number" ? details.calls : undefined;
      event.timeToFirstTokenMs =
        typeof details?.timeToFirstTokenMs === "number" ? details.timeToFirstTokenMs : undefined;
      event.errorValue = errorValue ? true : undefined;
      this.emit(event);
      return;
    }
    // One literal with every optional field (undefined when absent), not fields added one by one: each added
    // field would change the event's shape and give it a separate property store.
    this.emit({
      type: "node.finished",
      time,
      context,
      kind: node.kind,
      alias: node.alias,
      durationMs,
      usage: details?.usage,
      costUsd: typeof details?.costUsd === "number" ? details.costUsd : undefined,
      calls: typeof details?.calls === "number" ? details.calls : undefined,
      timeToFirstTokenMs:
        typeof details?.timeToFirstTokenMs === "number" ? details.timeToFirstTokenMs : undefined,
      errorValue: errorValue ? true : undefined,
    });
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
    });
  }

  runFinished(reports: Iterable<NodeReport>, status: RunStatus, startedAt: number): void {
    const list = [...reports];
    const failed = list.filter((report) => report.status === "failed").map((report) => report.id);
    const { usage, costUsd } = totalsOf(list);
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

  private contextOf(node?: EventNode): RuntimeEventContext {
    if (node === undefined) {
      return this.itemId === undefined ? { runId: this.runId } : { runId: this.runId, itemId: this.itemId };
    }
    return nodeEventContext(node, this.runId, this.itemId);
  }
}
