import type { EventContext } from "@weft/core";
import type {
  CallAttemptFailedEvent,
  CallFailedEvent,
  CallFinishedEvent,
  CallStartedEvent,
  ResourceEvent,
} from "@weft/resources";
import { closeSegment, closeWaits, type LiveAttempt, type LiveSegment, outcomeOf } from "./live-call.js";
import type { LiveMarks } from "./live-marks.js";
import { resourceMark } from "./resource-marks.js";

/**
 * Turns the resources layer's call events into attempts (slot lanes), per-alias call segments with their waits,
 * and marks. Each event costs a map lookup and a push; nothing is derived until a snapshot.
 */
export class CallRecorder {
  readonly attempts: LiveAttempt[] = [];
  readonly segments: LiveSegment[] = [];
  /** Which alias each endpoint serves, learnt from attempts (limiter events name only the endpoint). */
  readonly endpointAlias = new Map<string, string>();
  /** The latest segment of each call not yet finished or failed; it holds the call's attempt in service. */
  private readonly open = new Map<string, LiveSegment>();

  constructor(private readonly marks: LiveMarks) {}

  record(event: ResourceEvent): void {
    const mark = resourceMark(event);
    if (mark) this.marks.push(mark);
    switch (event.type) {
      case "budget.reserved": {
        const start = event.time - event.waitedMs;
        const segment = this.segmentFor(event.callId, event.alias, start, event.context);
        if (event.waitedMs > 0) segment.waits.push({ kind: "budget", start, end: event.time });
        return;
      }
      case "budget.exceeded":
        this.segmentFor(event.callId, event.alias, event.time, event.context);
        return;
      case "call.queued":
        this.wait(event.callId, event.alias, event.context, event.time, { kind: "queue", start: event.time });
        return;
      case "call.throttled": {
        const acquired = event.time - event.waitedMs;
        this.wait(event.callId, event.alias, event.context, acquired, {
          kind: "rate_limit",
          start: acquired,
          end: event.time,
        });
        return;
      }
      case "call.retry":
        this.wait(event.callId, event.alias, event.context, event.time, {
          kind: "retry_backoff",
          start: event.time,
          plannedEnd: event.time + event.delayMs,
        });
        return;
      case "call.started":
        this.started(event);
        return;
      case "call.delta": {
        const attempt = this.open.get(event.callId)?.current;
        if (attempt && attempt.firstDelta === undefined) attempt.firstDelta = event.time;
        return;
      }
      case "call.attempt_failed":
        this.attemptFailed(event);
        return;
      case "call.fallback": {
        const segment = this.open.get(event.callId);
        if (segment && segment.end === undefined)
          closeSegment(segment, event.time, "fallback", event.errorKind);
        this.segmentFor(event.callId, event.toAlias, event.time, event.context);
        return;
      }
      case "call.finished":
        if (!event.cached) this.finished(event);
        return;
      case "call.failed":
        this.failed(event);
        return;
      default:
        return;
    }
  }

  /** Ends the call's open waits at `at` and begins `wait`. */
  private wait(
    callId: string,
    alias: string,
    context: EventContext | undefined,
    at: number,
    wait: LiveSegment["waits"][number],
  ): void {
    const segment = this.segmentFor(callId, alias, at, context);
    closeWaits(segment, at);
    segment.waits.push(wait);
  }

  private started(event: CallStartedEvent): void {
    const segment = this.segmentFor(event.callId, event.alias, event.time, event.context);
    closeWaits(segment, event.time);
    segment.attempts += 1;
    const attempt: LiveAttempt = {
      callId: event.callId,
      alias: event.alias,
      endpoint: event.endpoint,
      slot: event.slot,
      attempt: event.attempt,
      model: event.model,
      start: event.time,
      owner: event.context,
    };
    this.attempts.push(attempt);
    segment.current = attempt;
    if (!this.endpointAlias.has(event.endpoint)) this.endpointAlias.set(event.endpoint, event.alias);
  }

  private attemptFailed(event: CallAttemptFailedEvent): void {
    const segment = this.open.get(event.callId);
    const attempt = segment?.current;
    if (!segment || !attempt) return;
    attempt.end = event.time;
    attempt.outcome = outcomeOf(event.errorKind);
    attempt.errorKind = event.errorKind;
    segment.current = undefined;
  }

  private finished(event: CallFinishedEvent): void {
    const segment = this.open.get(event.callId);
    this.open.delete(event.callId);
    let end = event.time;
    const attempt = segment?.current;
    if (attempt) {
      // call.finished can trail the attempt (the slot is released first, a cache write may be awaited), so the
      // attempt ends at its measured service time, not at this event.
      end = Math.min(event.time, Math.max(attempt.start, attempt.start + event.timings.serviceMs));
      attempt.end = end;
      attempt.outcome = "ok";
      attempt.inputTokens = event.usage.inputTokens;
      attempt.outputTokens = event.usage.outputTokens;
      attempt.costUsd = event.costUsd;
    }
    if (segment && segment.end === undefined) closeSegment(segment, end, "ok", undefined);
  }

  private failed(event: CallFailedEvent): void {
    const open = this.open.get(event.callId);
    this.open.delete(event.callId);
    const attempt = open?.current;
    if (attempt) {
      attempt.end = event.time;
      attempt.outcome = outcomeOf(event.errorKind);
      attempt.errorKind = event.errorKind;
    }
    const segment = open ?? this.newSegment(event.callId, event.alias, event.time, event.context, undefined);
    closeSegment(segment, event.time, "failed", event.errorKind ?? event.errorCode);
  }

  /** The call's open segment on `alias`, opened at `start` when there is none. */
  private segmentFor(
    callId: string,
    alias: string,
    start: number,
    owner: EventContext | undefined,
  ): LiveSegment {
    const open = this.open.get(callId);
    if (open && open.end === undefined && open.alias === alias) return open;
    if (open && open.end === undefined) closeSegment(open, start, "fallback", undefined);
    const segment = this.newSegment(callId, alias, start, owner, open?.current);
    this.open.set(callId, segment);
    return segment;
  }

  private newSegment(
    callId: string,
    alias: string,
    start: number,
    owner: EventContext | undefined,
    current: LiveAttempt | undefined,
  ): LiveSegment {
    const segment: LiveSegment = { callId, alias, start, owner, waits: [], attempts: 0, current };
    this.segments.push(segment);
    return segment;
  }
}
