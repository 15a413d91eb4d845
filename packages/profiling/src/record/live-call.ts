import type { EventContext } from "@weft/core";
import type { AttemptOutcome, CallOutcome, WaitKind } from "../model/profile-model.js";

/** An attempt as recorded: times on the runtime clock, `end` unset while in flight. */
export interface LiveAttempt {
  readonly callId: string;
  readonly alias: string;
  readonly endpoint: string;
  readonly slot: number;
  readonly attempt: number;
  readonly model: string;
  readonly start: number;
  readonly owner: EventContext | undefined;
  end?: number;
  outcome?: AttemptOutcome;
  errorKind?: string;
  inputTokens?: number;
  outputTokens?: number;
  costUsd?: number;
  firstDelta?: number;
}

/** A wait as recorded; a retry backoff knows when it is planned to end. */
export interface LiveWait {
  readonly kind: WaitKind;
  readonly start: number;
  end?: number;
  readonly plannedEnd?: number;
}

/** A call's stay on one alias as recorded. */
export interface LiveSegment {
  readonly callId: string;
  readonly alias: string;
  readonly start: number;
  readonly owner: EventContext | undefined;
  readonly waits: LiveWait[];
  attempts: number;
  /** The call's attempt in service, if any (it moves with the call to the segment of a fallback alias). */
  current: LiveAttempt | undefined;
  end?: number;
  outcome?: CallOutcome;
  errorKind?: string;
}

/** How an attempt's error kind reads as an outcome. */
export function outcomeOf(errorKind: string | undefined): AttemptOutcome {
  if (errorKind === "rate_limit" || errorKind === "overloaded") return "rate_limited";
  if (errorKind === "timeout" || errorKind === "aborted") return errorKind;
  return "failed";
}

/** Ends the segment's open waits at `time` (a retry backoff at its planned end if that came first). */
export function closeWaits(segment: LiveSegment, time: number): void {
  for (const wait of segment.waits) {
    if (wait.end === undefined) wait.end = Math.max(wait.start, Math.min(time, wait.plannedEnd ?? time));
  }
}

/** Ends the segment and its waits at `time`. */
export function closeSegment(
  segment: LiveSegment,
  time: number,
  outcome: CallOutcome,
  errorKind: string | undefined,
): void {
  closeWaits(segment, time);
  segment.end = time;
  segment.outcome = outcome;
  if (errorKind !== undefined) segment.errorKind = errorKind;
}
