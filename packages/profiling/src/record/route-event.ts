import type { WeftEvent } from "@weft/core";
import type {
  ItemDoneInput,
  NodeEventInput,
  NodeExpandedInput,
  RunFinishedInput,
  RunStartedInput,
} from "../input/runtime-events.js";
import type { CallLog } from "./call-log.js";
import type { CallRecordEvent, LimiterAdjustedEvent } from "./call-recorder.js";
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
 * Checks an event, counts it in `bounds` and sends it to its log or recorder; false when the profiler does not
 * read its type, its time is not a finite number, or it names no node or call. What it passes on is trusted.
 *
 * One `switch` on the type, the commonest first (a 100k-node run sends about 300k events): no set or map lookup,
 * and `type` is the only field read here of every event; each case reads the rest, `time` included, at a site that
 * sees only its own event shapes (a load that sees every shape goes megamorphic: a slow, shared lookup).
 *
 * This function is the boundary between execution's optimized code and the profiler's, and it must stay one: its
 * bytecode is kept above V8's limit for inlining a single function (`--max-inlined-bytecode-size`, 460 bytes), so
 * the small `Profiler.onEvent` that calls it is inlined into execution's emitting functions but the recording is
 * not. Inlined, a copy of the recording went into each of execution's seven emitting functions and used up their
 * inlining budget, so execution's own helpers stopped being inlined there (seen with `--trace-turbo-inlining`; see
 * design_docs/profiling.md). `route-event.test.ts` checks the length.
 */
export function routeEvent(
  event: WeftEvent,
  nodes: NodeRecorder,
  calls: CallLog,
  bounds: EventBounds,
): boolean {
  let code: number;
  switch (event.type) {
    case "node.started":
      code = NODE_STARTED;
      break;
    case "node.finished":
      code = NODE_FINISHED;
      break;
    case "node.queued":
      code = NODE_QUEUED;
      break;
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
    case "cache.hit": {
      const call = event as CallRecordEvent;
      const time = call.time;
      if (!isEventTime(time) || typeof call.callId !== "string") return false;
      bounds.note(time);
      calls.append(call);
      return true;
    }
    case "node.failed":
      code = NODE_FAILED;
      break;
    case "node.cancelled":
      code = NODE_CANCELLED;
      break;
    case "node.skipped":
      code = NODE_SKIPPED;
      break;
    case "node.retried":
      code = NODE_RETRIED;
      break;
    case "node.expanded": {
      const expanded = event as NodeExpandedInput;
      const time = expanded.time;
      if (!isEventTime(time) || typeof expanded.context?.nodeId !== "string") return false;
      bounds.note(time);
      nodes.expanded(expanded);
      return true;
    }
    case "limiter.adjusted":
      if (!counted(event, bounds)) return false;
      calls.append(event as LimiterAdjustedEvent);
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
      calls.append(event as ItemDoneInput);
      return true;
    default:
      return false;
  }
  const node = event as NodeEventInput;
  const time = node.time;
  if (!isEventTime(time) || typeof node.context?.nodeId !== "string") return false;
  bounds.note(time);
  nodes.node(node, code);
  return true;
}

/** Counts a run, item or limiter event in `bounds`; false when its time is not a finite number. */
function counted(event: WeftEvent, bounds: EventBounds): boolean {
  const time = event.time;
  if (!isEventTime(time)) return false;
  bounds.note(time);
  return true;
}
