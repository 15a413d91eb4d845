import type { WeftEvent } from "@weft/core";
import type {
  ItemDoneInput,
  NodeEventInput,
  NodeExpandedInput,
  RunFinishedInput,
  RunStartedInput,
} from "../input/runtime-events.js";
import type { CallRecordEvent, CallRecorder, LimiterAdjustedEvent } from "./call-recorder.js";
import { type EventBounds, isEventTime } from "./event-bounds.js";
import {
  NODE_CANCELLED,
  NODE_FAILED,
  NODE_FINISHED,
  NODE_QUEUED,
  NODE_RETRIED,
  NODE_SKIPPED,
  NODE_STARTED,
} from "./node-log.js";
import type { NodeRecorder } from "./node-recorder.js";

/**
 * Sends an event to its recorder; false when the profiler does not read its type, its time is not a finite
 * number, or it names no node or call. One `switch` on the type, the commonest first (a 100k-node run sends about
 * 300k events): no set or map lookup, and `type` is the only field read here of every event; each recorder reads
 * the rest, `time` included, where only its own event shapes are seen. Counts recorded events in `bounds`.
 */
export function routeEvent(
  event: WeftEvent,
  nodes: NodeRecorder,
  calls: CallRecorder,
  bounds: EventBounds,
): boolean {
  switch (event.type) {
    case "node.started":
      return nodes.node(event as NodeEventInput, NODE_STARTED);
    case "node.finished":
      return nodes.node(event as NodeEventInput, NODE_FINISHED);
    case "node.queued":
      return nodes.node(event as NodeEventInput, NODE_QUEUED);
    case "call.started":
    case "call.finished":
    case "call.throttled":
    case "call.queued":
    case "call.delta":
    case "call.attempt_failed":
    case "call.rate_limited":
    case "call.retry":
    case "call.fallback":
    case "call.failed":
    case "budget.reserved":
    case "budget.settled":
    case "budget.exceeded":
    case "cache.hit":
      return calls.record(event as CallRecordEvent);
    case "node.failed":
      return nodes.node(event as NodeEventInput, NODE_FAILED);
    case "node.cancelled":
      return nodes.node(event as NodeEventInput, NODE_CANCELLED);
    case "node.skipped":
      return nodes.node(event as NodeEventInput, NODE_SKIPPED);
    case "node.retried":
      return nodes.node(event as NodeEventInput, NODE_RETRIED);
    case "node.expanded":
      return nodes.expanded(event as NodeExpandedInput);
    case "limiter.adjusted":
      if (!counted(event, bounds)) return false;
      calls.limiterAdjusted(event as LimiterAdjustedEvent);
      return true;
    case "run.started":
      if (!counted(event, bounds)) return false;
      nodes.runStarted(event as RunStartedInput);
      return true;
    case "run.finished":
      if (!counted(event, bounds)) return false;
      nodes.runFinished(event as RunFinishedInput);
      return true;
    case "item.done":
      if (!counted(event, bounds)) return false;
      nodes.itemDone(event as ItemDoneInput);
      return true;
    default:
      return false;
  }
}

/** Counts a run, item or limiter event in `bounds`; false when its time is not a finite number. */
function counted(event: WeftEvent, bounds: EventBounds): boolean {
  const time = event.time;
  if (!isEventTime(time)) return false;
  bounds.note(time);
  return true;
}
