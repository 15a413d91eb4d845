import type { EventContext } from "@weft/core";
import type {
  GraphNodeInput,
  ItemDoneInput,
  NodeEventInput,
  RunFinishedInput,
  RunGraphInput,
  RunStartedInput,
} from "../input/runtime-events.js";
import { DEFAULT_RUN_ID, type NodeStatus } from "../model/profile-model.js";
import type { LiveMarks } from "./live-marks.js";

/** A node as recorded: times on the runtime clock. */
export interface LiveNode {
  readonly runId: string;
  readonly itemId: string | undefined;
  readonly nodeId: string;
  kind: string | undefined;
  modulePath: string | undefined;
  alias: string | undefined;
  queued?: number;
  start?: number;
  end?: number;
  status?: Exclude<NodeStatus, "running">;
  retries: number;
}

/** A run as recorded. */
export interface LiveRun {
  readonly runId: string;
  start?: number;
  end?: number;
  status?: string;
  graph?: RunGraphInput;
  index?: Map<string, GraphNodeInput>;
}

/** Turns execution events into runs and node spans (plus marks for retries, skips and finished items). */
export class NodeRecorder {
  readonly runs = new Map<string, LiveRun>();
  readonly nodes: LiveNode[] = [];
  private readonly byKey = new Map<string, LiveNode>();

  constructor(private readonly marks: LiveMarks) {}

  runStarted(event: RunStartedInput): void {
    const run = this.run(event.runId ?? event.context?.runId);
    run.start ??= event.time;
    if (event.graph && Array.isArray(event.graph.nodes)) {
      run.graph = event.graph;
      run.index = new Map(event.graph.nodes.map((node) => [node.id, node]));
    }
  }

  runFinished(event: RunFinishedInput): void {
    const run = this.run(event.runId ?? event.context?.runId);
    run.end = event.time;
    if (typeof event.status === "string") run.status = event.status;
  }

  itemDone(event: ItemDoneInput): void {
    const runId = event.context?.runId ?? DEFAULT_RUN_ID;
    this.run(runId);
    this.marks.add("item done", "item", event.time, undefined, runId, { itemId: event.context?.itemId });
  }

  node(event: NodeEventInput): void {
    const node = this.nodeFor(event.context, event.kind, event.alias);
    switch (event.type) {
      case "node.queued":
        node.queued ??= event.time;
        return;
      case "node.started":
        node.start ??= event.time;
        return;
      case "node.finished":
      case "node.failed":
      case "node.cancelled":
        if (node.start === undefined) {
          this.mark(`node ${event.type.slice(5)}`, event, node);
          return;
        }
        node.end = event.time;
        node.status =
          event.type === "node.finished" ? "finished" : event.type === "node.failed" ? "failed" : "cancelled";
        return;
      case "node.retried":
        node.retries += 1;
        this.mark("node retried", event, node);
        return;
      case "node.skipped":
        this.mark("node skipped", event, node);
        return;
    }
  }

  private mark(name: string, event: NodeEventInput, node: LiveNode): void {
    this.marks.add(name, "node", event.time, node.alias, node.runId, {
      nodeId: node.nodeId,
      itemId: node.itemId,
      kind: node.kind,
      modulePath: node.modulePath,
    });
  }

  private run(runId: string | undefined): LiveRun {
    const id = runId ?? DEFAULT_RUN_ID;
    let run = this.runs.get(id);
    if (!run) {
      run = { runId: id };
      this.runs.set(id, run);
    }
    return run;
  }

  private nodeFor(
    context: EventContext & { nodeId: string },
    kind: string | undefined,
    alias: string | undefined,
  ): LiveNode {
    const runId = context.runId ?? DEFAULT_RUN_ID;
    const key = `${runId}\u0000${context.itemId ?? ""}\u0000${context.nodeId}`;
    let node = this.byKey.get(key);
    if (!node) {
      const declared = this.run(runId).index?.get(context.nodeId);
      node = {
        runId,
        itemId: context.itemId,
        nodeId: context.nodeId,
        kind: kind ?? declared?.kind,
        modulePath: context.modulePath ?? declared?.modulePath,
        alias: alias ?? declared?.alias,
        retries: 0,
      };
      this.byKey.set(key, node);
      this.nodes.push(node);
    } else {
      node.kind ??= kind;
      node.alias ??= alias;
      node.modulePath ??= context.modulePath;
    }
    return node;
  }
}
