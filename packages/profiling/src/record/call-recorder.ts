import type { EventContext } from "@weft/core";
import type { ResourceEvent } from "@weft/resources";
import type { WaitKind } from "../model/profile-model.js";
import { ATTEMPT_OUTCOMES } from "./call-columns.js";
import type { LoggedFinish, LoggedStart } from "./call-log.js";
import { CallTable } from "./call-table.js";
import type { LiveMark, LiveMarks } from "./live-marks.js";
import { resourceMark } from "./resource-marks.js";

/** A limiter change (it names an endpoint, not a call). */
export type LimiterAdjustedEvent = Extract<ResourceEvent, { type: "limiter.adjusted" }>;
/** Every resource event that names a call. */
export type CallRecordEvent = Exclude<ResourceEvent, LimiterAdjustedEvent>;

const OK_ATTEMPT = ATTEMPT_OUTCOMES.indexOf("ok");
const NONE = Number.NaN;

/**
 * Turns the resources layer's call events into attempts (slot lanes), per-alias call segments with their waits,
 * and marks, kept as rows of a {@link CallTable}. A snapshot builds one from the recording's `CallLog`
 * (`replayCalls`), so none of this runs while execution does.
 */
export class CallRecorder {
  readonly table = new CallTable();
  /** Which alias each endpoint serves, learnt from attempts (limiter events name only the endpoint). */
  readonly endpointAlias = new Map<string, string>();
  /** The latest segment of each call not yet finished or failed; it holds the call's attempt in service. */
  private readonly open = new Map<string, number>();

  constructor(private readonly marks: LiveMarks) {}

  /** Records a limiter change as a mark (its alias is resolved at snapshot time). */
  limiterAdjusted(event: LimiterAdjustedEvent): void {
    this.marks.push(resourceMark(event) as LiveMark);
  }

  /** A streamed chunk: the first of an attempt gives its time to first token. */
  delta(callId: string, time: number): void {
    const table = this.table;
    const current = table.current(this.open.get(callId));
    if (current > 0 && Number.isNaN(table.attempts.firstDelta[current - 1]))
      table.attempts.firstDelta[current - 1] = time;
  }

  /** Every call event but `call.started`, an uncached `call.finished` and `call.delta`. */
  other(event: CallRecordEvent): void {
    const mark = resourceMark(event);
    if (mark) this.marks.push(mark);
    const table = this.table;
    switch (event.type) {
      case "budget.reserved": {
        const start = event.time - event.waitedMs;
        const segment = this.segmentFor(event.callId, event.alias, start, event.context);
        if (event.waitedMs > 0) table.addWait(segment, "budget", start, event.time, NONE);
        return;
      }
      case "budget.exceeded":
        this.segmentFor(event.callId, event.alias, event.time, event.context);
        return;
      case "call.queued":
        this.wait(event.callId, event.alias, event.context, event.time, "queue", NONE, NONE);
        return;
      case "call.throttled":
        this.wait(
          event.callId,
          event.alias,
          event.context,
          event.time - event.waitedMs,
          "rate_limit",
          event.time,
          NONE,
        );
        return;
      case "call.retry":
        this.wait(
          event.callId,
          event.alias,
          event.context,
          event.time,
          "retry_backoff",
          NONE,
          event.time + event.delayMs,
        );
        return;
      case "call.attempt_failed": {
        const segment = this.open.get(event.callId);
        const current = table.current(segment);
        if (segment === undefined || current === 0) return;
        table.failAttempt(current - 1, event.time, event.errorKind);
        table.segments.current[segment] = 0;
        return;
      }
      case "call.fallback": {
        const segment = this.open.get(event.callId);
        if (segment !== undefined && Number.isNaN(table.segments.end[segment]))
          table.closeSegment(segment, event.time, "fallback", event.errorKind);
        this.segmentFor(event.callId, event.toAlias, event.time, event.context);
        return;
      }
      case "call.failed": {
        const open = this.open.get(event.callId);
        this.open.delete(event.callId);
        const current = table.current(open);
        if (current > 0) table.failAttempt(current - 1, event.time, event.errorKind);
        const segment = open ?? table.addSegment(event.callId, event.alias, event.time, event.context, 0);
        table.closeSegment(segment, event.time, "failed", event.errorKind ?? event.errorCode);
        return;
      }
      default:
        return;
    }
  }

  /** Ends the call's open waits at `at` and begins a wait of `kind` there (ending at `end` unless NaN). */
  private wait(
    callId: string,
    alias: string,
    context: EventContext | undefined,
    at: number,
    kind: WaitKind,
    end: number,
    plannedEnd: number,
  ): void {
    const segment = this.segmentFor(callId, alias, at, context);
    this.table.closeWaits(segment, at);
    this.table.addWait(segment, kind, at, end, plannedEnd);
  }

  started(event: LoggedStart): void {
    const table = this.table;
    const segment = this.segmentFor(event.callId, event.alias, event.time, event.context);
    table.closeWaits(segment, event.time);
    const { segments, attempts, strings } = table;
    segments.attempts[segment] = (segments.attempts[segment] as number) + 1;
    const row = attempts.add();
    attempts.segment[row] = segment;
    attempts.endpoint[row] = strings.endpoints.code(event.endpoint);
    attempts.slot[row] = event.slot;
    attempts.attempt[row] = event.attempt;
    attempts.model[row] = strings.models.code(event.model);
    attempts.start[row] = event.time;
    segments.current[segment] = row + 1;
    if (!this.endpointAlias.has(event.endpoint)) this.endpointAlias.set(event.endpoint, event.alias);
  }

  finished(event: LoggedFinish): void {
    const table = this.table;
    const segment = this.open.get(event.callId);
    this.open.delete(event.callId);
    let end = event.time;
    const current = table.current(segment);
    if (current > 0) {
      // call.finished can trail the attempt (the slot is released first, a cache write may be awaited), so the
      // attempt ends at its measured service time, not at this event.
      const attempts = table.attempts;
      const row = current - 1;
      const start = attempts.start[row] as number;
      const serviceMs = event.serviceMs;
      end = Number.isFinite(serviceMs)
        ? Math.min(event.time, Math.max(start, start + serviceMs))
        : event.time;
      attempts.end[row] = end;
      attempts.outcome[row] = OK_ATTEMPT;
      attempts.inputTokens[row] = event.inputTokens;
      attempts.outputTokens[row] = event.outputTokens;
      attempts.costUsd[row] = event.costUsd;
    }
    if (segment !== undefined && Number.isNaN(table.segments.end[segment]))
      table.closeSegment(segment, end, "ok", undefined);
  }

  /** The call's open segment on `alias`, opened at `start` when there is none. */
  private segmentFor(callId: string, alias: string, start: number, owner: EventContext | undefined): number {
    const table = this.table;
    const open = this.open.get(callId);
    if (open !== undefined && Number.isNaN(table.segments.end[open])) {
      if (table.strings.aliases.value(table.segments.alias[open] as number) === alias) return open;
      table.closeSegment(open, start, "fallback", undefined);
    }
    const segment = table.addSegment(callId, alias, start, owner, table.current(open));
    this.open.set(callId, segment);
    return segment;
  }
}
