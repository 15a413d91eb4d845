import type {
  NodeFinishedEvent,
  NodeKind,
  NodeQueuedEvent,
  NodeStartedEvent,
  RuntimeEventContext,
} from "../events/runtime-events.js";

export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const NO_CONTEXT: RuntimeEventContext = Object.freeze({ runId: "" });
const NO_KIND: NodeKind = "op";

// Blank per-node events, each with every field it will ever have, so filling one never changes its shape.

export const blankQueued = (): Mutable<NodeQueuedEvent> => ({
  type: "node.queued",
  time: 0,
  context: NO_CONTEXT,
  kind: NO_KIND,
  alias: undefined,
  priority: 0,
  rank: 0,
});

export const blankStarted = (): Mutable<NodeStartedEvent> => ({
  type: "node.started",
  time: 0,
  context: NO_CONTEXT,
  kind: NO_KIND,
  alias: undefined,
  attempt: 0,
});

export const blankFinished = (): Mutable<NodeFinishedEvent> => ({
  type: "node.finished",
  time: 0,
  context: NO_CONTEXT,
  kind: NO_KIND,
  alias: undefined,
  durationMs: 0,
});

/** A finished event with details: the optional fields are present, `undefined` when absent (a literal, not a
 * spread of `blankFinished`, because it is built for every LLM node when events are not reused). */
export const blankFinishedWithDetails = (): Mutable<NodeFinishedEvent> => ({
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
});

/**
 * One mutable object per kind of per-node event, refilled for every emission. Used only when the sole subscriber
 * declares that it keeps nothing of an event object (`Profiler.transientEvents`): a 100k-node run then allocates
 * none of its ~230k node events. The finished event has two shapes, so neither ever gains a field.
 */
export class ReusedNodeEvents {
  readonly queued = blankQueued();
  readonly started = blankStarted();
  readonly finished = blankFinished();
  readonly finishedWithDetails = blankFinishedWithDetails();
}
