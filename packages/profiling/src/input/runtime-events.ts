import type { EventContext, WeftEvent } from "@weft/core";

/**
 * The shapes of the execution events the profiler reads, declared structurally so the execution package can
 * satisfy them without importing profiling. Fields not listed here are ignored. See design_docs/profiling.md.
 */

/** One node of the graph a run executes, as `run.started` announces it. */
export interface GraphNodeInput {
  readonly id: string;
  /** `"llm"`, `"leaf"` (user code: drawn on a compute track), `"op"`, `"input"`, ... */
  readonly kind: string;
  readonly modulePath: string;
  /** The endpoint alias of an LLM node. */
  readonly alias?: string;
  /** Ids of the nodes whose outputs this node reads. Ids not in the graph are ignored. */
  readonly dependencies: readonly string[];
}

/** The graph of one run. */
export interface RunGraphInput {
  readonly nodes: readonly GraphNodeInput[];
}

/** A run began: carries its graph so the trace can hold the edges and analysis can find the critical path. */
export interface RunStartedInput extends WeftEvent<"run.started"> {
  /** Default: `context.runId`. */
  readonly runId?: string;
  readonly graph?: RunGraphInput;
  /**
   * The node times of the run's runtime, when the runtime honours `Profiler.nodeTimeline`; a batch's items all
   * carry the same one. Its rows stand for the `node.queued`, `node.started` and `node.finished` events the
   * runtime then does not send.
   */
  readonly timeline?: NodeTimelineInput;
}

/**
 * A runtime's node times, as execution's `NodeTimelineView` gives them (read at snapshot time; it fills while the
 * run goes on). Times are on the runtime clock, NaN when not reached.
 */
export interface NodeTimelineInput {
  readonly size: number;
  /** The latest time written; NaN before any. */
  readonly lastTime: number;
  context(row: number): EventContext & { readonly nodeId: string };
  kind(row: number): string;
  alias(row: number): string | undefined;
  queuedAt(row: number): number;
  startedAt(row: number): number;
  finishedAt(row: number): number;
}

/** A run ended. */
export interface RunFinishedInput extends WeftEvent<"run.finished"> {
  /** Default: `context.runId`. */
  readonly runId?: string;
  /** Free text, e.g. `"completed"`, `"failed"`, `"cancelled"`. */
  readonly status?: string;
}

/** The `type` of every node event the profiler reads. */
export type NodeEventType =
  | "node.queued"
  | "node.started"
  | "node.finished"
  | "node.failed"
  | "node.cancelled"
  | "node.skipped"
  | "node.retried";

/**
 * A node event. `context.nodeId` is required; `context.runId` and `context.itemId` group nodes into runs and
 * batch items. `kind`, `alias` and `context.modulePath` fall back to the run's graph.
 */
export interface NodeEventInput extends WeftEvent<NodeEventType> {
  readonly context: EventContext & { readonly nodeId: string };
  readonly kind?: string;
  readonly alias?: string;
}

/**
 * The subgraph each element of a fan-out runs: element `i`'s node ids, and their dependencies under `prefix`, are
 * these with the `*` of `prefix` made `i`; a dependency outside `prefix` is a node of the enclosing graph.
 */
export interface ExpansionTemplateInput {
  /** `map_3[*].`: every template node id starts with it. */
  readonly prefix: string;
  readonly nodes: readonly GraphNodeInput[];
  /** The template ids the fan-out node gathers, in every element. */
  readonly outputs: readonly string[];
}

/**
 * A fan-out node (`context.nodeId`) expanded into `count` elements. With a `template`, the profiler adds the
 * elements to the run's graph, so the critical path can go through the element that ended last.
 */
export interface NodeExpandedInput extends WeftEvent<"node.expanded"> {
  readonly context: EventContext & { readonly nodeId: string };
  readonly count: number;
  readonly template?: ExpansionTemplateInput;
}

/** One item of a batch or stream completed. */
export interface ItemDoneInput extends WeftEvent<"item.done"> {
  readonly context?: EventContext;
}

/** Every execution event the profiler understands. */
export type ExecutionEventInput =
  | RunStartedInput
  | RunFinishedInput
  | NodeEventInput
  | NodeExpandedInput
  | ItemDoneInput;
