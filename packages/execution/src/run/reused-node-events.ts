import type {
  NodeFinishedEvent,
  NodeKind,
  NodeQueuedEvent,
  NodeStartedEvent,
  RuntimeEventContext,
} from "../events/runtime-events.js";

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const NO_CONTEXT: RuntimeEventContext = Object.freeze({ runId: "" });
const NO_KIND: NodeKind = "op";

/**
 * One mutable object per kind of per-node event, refilled for every emission. Used only when the sole subscriber
 * declares that it keeps nothing of an event object (`Profiler.transientEvents`): a 100k-node run then allocates
 * none of its ~300k node events. The finished event has two shapes, so neither ever gains a field.
 */
export class ReusedNodeEvents {
  readonly queued: Mutable<NodeQueuedEvent> = {
    type: "node.queued",
    time: 0,
    context: NO_CONTEXT,
    kind: NO_KIND,
    alias: undefined,
    priority: 0,
    rank: 0,
  };
  readonly started: Mutable<NodeStartedEvent> = {
    type: "node.started",
    time: 0,
    context: NO_CONTEXT,
    kind: NO_KIND,
    alias: undefined,
    attempt: 0,
  };
  readonly finished: Mutable<NodeFinishedEvent> = {
    type: "node.finished",
    time: 0,
    context: NO_CONTEXT,
    kind: NO_KIND,
    alias: undefined,
    durationMs: 0,
  };
  readonly finishedWithDetails: Mutable<NodeFinishedEvent> = {
    type: "node.finished",
    time: 0,
    context: NO_CONTEXT,
    kind: NO_KIND,
    alias: undefined,
    durationMs: 0,
    usage: undefined,
    costUsd: undefined,
    calls: undefined,
    timeToFirstTokenMs: undefined,
    errorValue: undefined,
  };
}
