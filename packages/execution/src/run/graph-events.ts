import type { Clock } from "@weft/core";
import type {
  CancelReason,
  NodeFinishedEvent,
  NodeKind,
  RunStatus,
  RuntimeEvent,
  RuntimeEventContext,
} from "../events/runtime-events.js";
import type { NodeDetails } from "../graph/exec-node.js";
import { type NodeReport, totalsOf } from "./node-report.js";

/** The node fields events need. */
interface EventNode {
  readonly id: string;
  readonly kind: NodeKind;
  readonly modulePath: string;
  readonly alias?: string | undefined;
}

/** The fields of a node event besides those every node event has. */
export type NodeEventFields = { readonly type: string; readonly [field: string]: unknown };

/** Builds and emits one graph's runtime events (only called when somebody listens). */
export class GraphEvents {
  constructor(
    private readonly emit: (event: RuntimeEvent) => void,
    private readonly clock: Clock,
    private readonly runId: string,
    private readonly itemId: string | undefined,
  ) {}

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

  // The three events every executed node emits are built as fixed-shape literals (no spreads): with a profiler
  // on, a 100k-node run builds about 300k of them. `alias` is present (possibly undefined) on every node event.

  queued(node: EventNode, priority: number, rank: number): void {
    this.emit({
      type: "node.queued",
      time: this.clock.now(),
      context: this.contextOf(node),
      kind: node.kind,
      alias: node.alias,
      priority,
      rank,
    });
  }

  started(node: EventNode, attempt: number): void {
    this.emit({
      type: "node.started",
      time: this.clock.now(),
      context: this.contextOf(node),
      kind: node.kind,
      alias: node.alias,
      attempt,
    });
  }

  cancelled(node: EventNode, reason: CancelReason, cause?: string): void {
    this.node(node, { type: "node.cancelled", reason, ...(cause === undefined ? {} : { cause }) });
  }

  finished(node: EventNode, durationMs: number, details: NodeDetails | undefined, errorValue: boolean): void {
    const event: Mutable<NodeFinishedEvent> = {
      type: "node.finished",
      time: this.clock.now(),
      context: this.contextOf(node),
      kind: node.kind,
      alias: node.alias,
      durationMs,
    };
    if (details !== undefined) {
      if (details.usage) event.usage = details.usage;
      if (typeof details.costUsd === "number") event.costUsd = details.costUsd;
      if (typeof details.calls === "number") event.calls = details.calls;
      if (typeof details.timeToFirstTokenMs === "number")
        event.timeToFirstTokenMs = details.timeToFirstTokenMs;
    }
    if (errorValue) event.errorValue = true;
    this.emit(event);
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
    return this.itemId === undefined
      ? { runId: this.runId, nodeId: node.id, modulePath: node.modulePath }
      : { runId: this.runId, itemId: this.itemId, nodeId: node.id, modulePath: node.modulePath };
  }
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
