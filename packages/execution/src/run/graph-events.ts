import type { Clock } from "@weft/core";
import type {
  CancelReason,
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

  node(node: EventNode, fields: NodeEventFields): void {
    this.emit({
      ...fields,
      time: this.clock.now(),
      context: this.contextOf(node),
      kind: node.kind,
      ...(node.alias === undefined ? {} : { alias: node.alias }),
    } as RuntimeEvent);
  }

  cancelled(node: EventNode, reason: CancelReason, cause?: string): void {
    this.node(node, { type: "node.cancelled", reason, ...(cause === undefined ? {} : { cause }) });
  }

  finished(node: EventNode, durationMs: number, details: NodeDetails | undefined, errorValue: boolean): void {
    const fields: Record<string, unknown> = { type: "node.finished", durationMs };
    if (details?.usage) fields.usage = details.usage;
    if (typeof details?.costUsd === "number") fields.costUsd = details.costUsd;
    if (typeof details?.calls === "number") fields.calls = details.calls;
    if (typeof details?.timeToFirstTokenMs === "number")
      fields.timeToFirstTokenMs = details.timeToFirstTokenMs;
    if (errorValue) fields.errorValue = true;
    this.node(node, fields as NodeEventFields);
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
    return {
      runId: this.runId,
      ...(this.itemId === undefined ? {} : { itemId: this.itemId }),
      ...(node ? { nodeId: node.id, modulePath: node.modulePath } : {}),
    };
  }
}
