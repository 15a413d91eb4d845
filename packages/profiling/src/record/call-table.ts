import type { EventContext } from "@weft/core";
import type { AttemptOutcome, CallOutcome, WaitKind } from "../model/profile-model.js";
import {
  ATTEMPT_OUTCOMES,
  AttemptColumns,
  CALL_OUTCOMES,
  CallStrings,
  SegmentColumns,
  WAIT_KINDS,
  WaitColumns,
} from "./call-columns.js";

/** How an attempt's error kind reads as an outcome. */
export function outcomeOf(errorKind: string | undefined): AttemptOutcome {
  if (errorKind === "rate_limit" || errorKind === "overloaded") return "rate_limited";
  if (errorKind === "timeout" || errorKind === "aborted") return errorKind;
  return "failed";
}

/**
 * The recorded calls: segments, attempts and waits as rows of typed columns, with the edits recording makes.
 * A call leaves no object of its own behind, only its id and its owner's context (references the runtime holds).
 */
export class CallTable {
  readonly strings = new CallStrings();
  readonly segments = new SegmentColumns();
  readonly attempts = new AttemptColumns();
  readonly waits = new WaitColumns();

  /** A new segment of `callId` on `alias` from `start`; `current` is its attempt in service plus one (0: none). */
  addSegment(
    callId: string,
    alias: string,
    start: number,
    owner: EventContext | undefined,
    current: number,
  ): number {
    const segments = this.segments;
    const strings = this.strings;
    const row = segments.add();
    segments.callId.push(callId);
    segments.owner.push(owner);
    segments.alias[row] = strings.aliases.code(alias);
    segments.start[row] = start;
    segments.current[row] = current;
    return row;
  }

  /** Appends a wait of `kind` to the segment's waits (`end` and `plannedEnd` NaN when unknown). */
  addWait(segment: number, kind: WaitKind, start: number, end: number, plannedEnd: number): void {
    const waits = this.waits;
    const row = waits.add();
    waits.kind[row] = WAIT_KINDS.indexOf(kind);
    waits.start[row] = start;
    waits.end[row] = end;
    waits.plannedEnd[row] = plannedEnd;
    const segments = this.segments;
    const last = segments.lastWait[segment] as number;
    if (last > 0) waits.next[last - 1] = row + 1;
    else segments.firstWait[segment] = row + 1;
    segments.lastWait[segment] = row + 1;
  }

  /** Ends the segment's open waits at `time` (a retry backoff at its planned end if that came first). */
  closeWaits(segment: number, time: number): void {
    const waits = this.waits;
    for (
      let next = this.segments.firstWait[segment] as number;
      next > 0;
      next = waits.next[next - 1] as number
    ) {
      const row = next - 1;
      if (!Number.isNaN(waits.end[row])) continue;
      const planned = waits.plannedEnd[row] as number;
      waits.end[row] = Math.max(
        waits.start[row] as number,
        Math.min(time, Number.isNaN(planned) ? time : planned),
      );
    }
  }

  /** Ends the segment and its waits at `time`. */
  closeSegment(segment: number, time: number, outcome: CallOutcome, errorKind: string | undefined): void {
    this.closeWaits(segment, time);
    const segments = this.segments;
    segments.end[segment] = time;
    segments.outcome[segment] = CALL_OUTCOMES.indexOf(outcome);
    if (errorKind !== undefined) segments.errorKind[segment] = this.strings.errorKinds.code(errorKind);
  }

  /** Ends the attempt at `time` with the outcome its error kind reads as. */
  failAttempt(row: number, time: number, errorKind: string | undefined): void {
    const attempts = this.attempts;
    attempts.end[row] = time;
    attempts.outcome[row] = ATTEMPT_OUTCOMES.indexOf(outcomeOf(errorKind));
    attempts.errorKind[row] = this.strings.errorKinds.code(errorKind);
  }

  /** The segment's attempt in service plus one (0: none). */
  current(segment: number | undefined): number {
    return segment === undefined ? 0 : (this.segments.current[segment] as number);
  }
}
