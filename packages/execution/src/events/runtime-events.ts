import type { EventContext, WeftEvent } from "@weft/core";
import type { Usage } from "@weft/provider";
import type { NodeTimelineView } from "../run/node-timeline.js";

/**
 * The kind of a node, as events and results report it: `input`, `llm`, `leaf`, `op`, `access`, `render`,
 * `map` (fan-out), `route` (branch choice), `tool` (a tool call inside an LLM node's tool loop), or another
 * kind the graph declares.
 */
export type NodeKind =
  | "input"
  | "llm"
  | "leaf"
  | "op"
  | "access"
  | "render"
  | "map"
  | "route"
  | "tool"
  | (string & {});

/** Every runtime event carries the run, item, node and module path it concerns. */
/**
 * The context of a runtime event. All events of a node, and its LLM call's events, carry the same object; it is
 * never changed once emitted, so a subscriber may keep it.
 */
export interface RuntimeEventContext extends EventContext {
  readonly runId: string;
}

interface RunEventBase<T extends string> extends WeftEvent<T> {
  readonly context: RuntimeEventContext;
}

/** Fields of every `node.*` event. */
interface NodeEventBase<T extends string> extends RunEventBase<T> {
  readonly kind: NodeKind;
  /** The alias of an LLM node. */
  readonly alias?: string;
}

/** A node as `run.started` describes the graph. */
export interface GraphNodeInfo {
  readonly id: string;
  readonly kind: NodeKind;
  readonly modulePath: string;
  readonly alias?: string;
  readonly dependencies: readonly string[];
}

/** A run (or one item of a batch) started; carries the graph it runs. */
export interface RunStartedEvent extends RunEventBase<"run.started"> {
  readonly graph: { readonly nodes: readonly GraphNodeInfo[] };
  /**
   * The node times of the run's runtime, when its profiler asked for them (`Profiler.nodeTimeline`): one live view
   * for every item of a batch or stream, filling as nodes queue, start and finish. Only the profiler's `run.started`
   * carries it; an `events` bus gets the event without it.
   */
  readonly timeline?: NodeTimelineView;
}

/**
 * How a run (or one item) ended: `completed` (every node completed or was skipped), `failed` (some node
 * failed), `stopped` (no node failed, but a budget stop of the run, batch or stream cancelled some of its LLM
 * nodes: they never ran, so the item is not done), or `cancelled` (aborted).
 */
export type RunStatus = "completed" | "failed" | "stopped" | "cancelled";

/** A run (or one item) finished. */
export interface RunFinishedEvent extends RunEventBase<"run.finished"> {
  readonly status: RunStatus;
  readonly durationMs: number;
  readonly usage: Usage;
  readonly costUsd: number;
  /** Ids of the nodes that failed. */
  readonly failed: readonly string[];
}

/** A node became ready and entered the queue. */
export interface NodeQueuedEvent extends NodeEventBase<"node.queued"> {
  readonly priority: number;
  readonly rank: number;
}

/** A node started running (attempt 0 first, then one per retry). */
export interface NodeStartedEvent extends NodeEventBase<"node.started"> {
  readonly attempt: number;
}

/** A node completed. LLM nodes report usage, cost and provider attempts. */
export interface NodeFinishedEvent extends NodeEventBase<"node.finished"> {
  readonly durationMs: number;
  readonly usage?: Usage;
  readonly costUsd?: number;
  /** Provider calls made (re-asks and tool-loop steps included). */
  readonly calls?: number;
  /** Time to the first streamed token of the first call, when streamed. */
  readonly timeToFirstTokenMs?: number;
  /** True when the node's result is an ERROR Value (an input error short-circuited it). */
  readonly errorValue?: boolean;
  /** True when the result came from a checkpoint instead of running. */
  readonly resumed?: boolean;
}

/** What a failure looks like in events (no stack, no secrets). */
export interface ErrorInfo {
  readonly name: string;
  readonly code: string | undefined;
  readonly message: string;
}

/** A node failed; its descendants are cancelled next. */
export interface NodeFailedEvent extends NodeEventBase<"node.failed"> {
  readonly durationMs: number;
  readonly error: ErrorInfo;
}

/** Why a node was cancelled. */
export type CancelReason = "ancestor_failed" | "aborted" | "budget";

/** A node will not run. */
export interface NodeCancelledEvent extends NodeEventBase<"node.cancelled"> {
  readonly reason: CancelReason;
  /** The failed ancestor, for `ancestor_failed`. */
  readonly cause?: string;
}

/** A node sits on a route branch that was not taken. */
export interface NodeSkippedEvent extends NodeEventBase<"node.skipped"> {}

/** A node failed in a way worth retrying and was put back in the queue. */
export interface NodeRetriedEvent extends NodeEventBase<"node.retried"> {
  /** The attempt that comes next (1 for the first retry). */
  readonly attempt: number;
  readonly delayMs: number;
  readonly error: ErrorInfo;
}

/**
 * The subgraph every element of a fan-out runs, as one element's nodes with `*` in place of the element's index:
 * element `i`'s node ids (and their dependencies under `prefix`) are these with the `*` of `prefix` replaced by
 * `i`. A dependency outside `prefix` is a node of the enclosing graph (a capture).
 */
export interface ExpansionTemplate {
  /** `map_3[*].`: every template node id starts with it. */
  readonly prefix: string;
  readonly nodes: readonly GraphNodeInfo[];
  /** The template nodes whose results the fan-out node gathers (it depends on them, in every element). */
  readonly outputs: readonly string[];
}

/** A fan-out node expanded into `count` element subgraphs of `nodes` nodes in all. */
export interface NodeExpandedEvent extends NodeEventBase<"node.expanded"> {
  readonly count: number;
  readonly nodes: number;
  /** The subgraph each element runs, with its edges (absent when the fan-out has no elements). */
  readonly template?: ExpansionTemplate;
}

/** A piece of an LLM node's streamed output. */
export interface NodeDeltaEvent extends NodeEventBase<"node.delta"> {
  readonly delta: string;
  readonly deltaKind: "text" | "reasoning";
}

/** An item of a batch or stream is done (its output or error is final). */
export interface ItemDoneEvent extends RunEventBase<"item.done"> {
  readonly index: number;
  readonly ok: boolean;
  readonly durationMs: number;
  /** True when the item's result came from a checkpoint log. */
  readonly resumed: boolean;
}

/** Every event the execution runtime emits, discriminated by `type`. */
export type RuntimeEvent =
  | RunStartedEvent
  | RunFinishedEvent
  | NodeQueuedEvent
  | NodeStartedEvent
  | NodeFinishedEvent
  | NodeFailedEvent
  | NodeCancelledEvent
  | NodeSkippedEvent
  | NodeRetriedEvent
  | NodeExpandedEvent
  | NodeDeltaEvent
  | ItemDoneEvent;

/** The `type` of every {@link RuntimeEvent}. */
export type RuntimeEventType = RuntimeEvent["type"];

/**
 * A subscriber to a run's events: any object with `onEvent`. It receives this run's runtime events and the
 * resource manager's events (`call.*`, `budget.*`, ...) whose `context.runId` is this run's. The profiling
 * package implements it; execution never imports profiling.
 */
export interface Profiler {
  onEvent(event: WeftEvent): void;
  /**
   * True when `onEvent` keeps nothing of an event object once it returns (it may keep the values of its fields,
   * `context` included). When the profiler is the run's only subscriber (no `events` bus), the runtime then
   * passes `node.queued`, `node.started` and `node.finished` as one object each, refilled for every node, instead
   * of allocating about three per node. Default: false (every event is a new object).
   */
  readonly transientEvents?: boolean;
  /**
   * True when the profiler reads each node's queue, start and finish times from the run's {@link NodeTimelineView}
   * (on `run.started`) rather than from events: the runtime then writes those times of the graph's nodes to the
   * timeline and does not send the profiler their `node.queued`, `node.started` or `node.finished` (an `events` bus
   * still gets them). Every other event still arrives through `onEvent`: node failures, cancellations, skips and
   * retries, and the node events of tool calls inside an LLM node and of nodes resumed from a checkpoint.
   * Default: false.
   */
  readonly nodeTimeline?: boolean;
}

/** Describes an error for an event: name, code and message, never the stack. */
export function errorInfo(error: unknown): ErrorInfo {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return { name: error.name, code: typeof code === "string" ? code : undefined, message: error.message };
  }
  return { name: "Error", code: undefined, message: String(error) };
}
