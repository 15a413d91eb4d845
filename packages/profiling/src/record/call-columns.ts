import type { EventContext } from "@weft/core";
import type { AttemptOutcome, CallOutcome, WaitKind } from "../model/profile-model.js";
import { RefColumn } from "./ref-column.js";
import { StringCodes } from "./string-codes.js";
import { grown, grownNan, INITIAL_ROWS, nanColumn } from "./typed-columns.js";

/** Codes of `WaitSpan.kind` in {@link WaitColumns.kind}. */
export const WAIT_KINDS: readonly WaitKind[] = ["budget", "queue", "rate_limit", "retry_backoff"];
/** Codes of `AttemptSpan.outcome` in {@link AttemptColumns.outcome}; 0 is unset (still in flight). */
export const ATTEMPT_OUTCOMES: readonly (AttemptOutcome | undefined)[] = [
  undefined,
  "ok",
  "rate_limited",
  "timeout",
  "aborted",
  "failed",
];
/** Codes of `CallSpan.outcome` in {@link SegmentColumns.outcome}; 0 is unset (still in flight). */
export const CALL_OUTCOMES: readonly (CallOutcome | undefined)[] = [undefined, "ok", "failed", "fallback"];

/** The strings of the call columns as small codes (shared by segments and attempts). */
export class CallStrings {
  readonly aliases = new StringCodes();
  readonly endpoints = new StringCodes();
  readonly models = new StringCodes();
  readonly errorKinds = new StringCodes();
}

/**
 * A call's stays on an alias (segments), one row each. Unset times are `NaN`; `current`, `firstWait` and
 * `lastWait` hold a row of the attempt or wait columns plus one (0: none). The owner is the context of the event
 * that opened the segment, kept by reference: weft's runtime gives a node's call the node's one context object.
 */
export class SegmentColumns {
  size = 0;
  alias = new Uint32Array(INITIAL_ROWS);
  start = new Float64Array(INITIAL_ROWS);
  end = nanColumn(INITIAL_ROWS);
  outcome = new Uint8Array(INITIAL_ROWS);
  errorKind = new Uint32Array(INITIAL_ROWS);
  attempts = new Int32Array(INITIAL_ROWS);
  current = new Int32Array(INITIAL_ROWS);
  firstWait = new Int32Array(INITIAL_ROWS);
  lastWait = new Int32Array(INITIAL_ROWS);
  readonly callId = new RefColumn<string>();
  readonly owner = new RefColumn<EventContext | undefined>();

  /** The index of a new row (its columns zero, `end` NaN). */
  add(): number {
    const row = this.size;
    if (row === this.start.length) {
      const rows = row * 2;
      this.alias = grown(this.alias, rows);
      this.start = grown(this.start, rows);
      this.end = grownNan(this.end, rows);
      this.outcome = grown(this.outcome, rows);
      this.errorKind = grown(this.errorKind, rows);
      this.attempts = grown(this.attempts, rows);
      this.current = grown(this.current, rows);
      this.firstWait = grown(this.firstWait, rows);
      this.lastWait = grown(this.lastWait, rows);
    }
    this.size = row + 1;
    return row;
  }
}

/** Attempts, one row each, in `call.started` order. Unset times and amounts are `NaN`. */
export class AttemptColumns {
  size = 0;
  /** The segment the attempt started in (its call id, alias and owner). */
  segment = new Int32Array(INITIAL_ROWS);
  endpoint = new Uint32Array(INITIAL_ROWS);
  slot = new Float64Array(INITIAL_ROWS);
  attempt = new Float64Array(INITIAL_ROWS);
  model = new Uint32Array(INITIAL_ROWS);
  start = new Float64Array(INITIAL_ROWS);
  end = nanColumn(INITIAL_ROWS);
  outcome = new Uint8Array(INITIAL_ROWS);
  errorKind = new Uint32Array(INITIAL_ROWS);
  inputTokens = nanColumn(INITIAL_ROWS);
  outputTokens = nanColumn(INITIAL_ROWS);
  costUsd = nanColumn(INITIAL_ROWS);
  firstDelta = nanColumn(INITIAL_ROWS);

  /** The index of a new row (its columns zero, the optional ones NaN). */
  add(): number {
    const row = this.size;
    if (row === this.start.length) {
      const rows = row * 2;
      this.segment = grown(this.segment, rows);
      this.endpoint = grown(this.endpoint, rows);
      this.slot = grown(this.slot, rows);
      this.attempt = grown(this.attempt, rows);
      this.model = grown(this.model, rows);
      this.start = grown(this.start, rows);
      this.end = grownNan(this.end, rows);
      this.outcome = grown(this.outcome, rows);
      this.errorKind = grown(this.errorKind, rows);
      this.inputTokens = grownNan(this.inputTokens, rows);
      this.outputTokens = grownNan(this.outputTokens, rows);
      this.costUsd = grownNan(this.costUsd, rows);
      this.firstDelta = grownNan(this.firstDelta, rows);
    }
    this.size = row + 1;
    return row;
  }
}

/** Waits, one row each; a segment's waits are chained through `next` (a row plus one, 0: the last). */
export class WaitColumns {
  size = 0;
  kind = new Uint8Array(INITIAL_ROWS);
  start = new Float64Array(INITIAL_ROWS);
  end = nanColumn(INITIAL_ROWS);
  /** A retry backoff's planned end, else NaN. */
  plannedEnd = nanColumn(INITIAL_ROWS);
  next = new Int32Array(INITIAL_ROWS);

  /** The index of a new row. */
  add(): number {
    const row = this.size;
    if (row === this.start.length) {
      const rows = row * 2;
      this.kind = grown(this.kind, rows);
      this.start = grown(this.start, rows);
      this.end = grownNan(this.end, rows);
      this.plannedEnd = grownNan(this.plannedEnd, rows);
      this.next = grown(this.next, rows);
    }
    this.size = row + 1;
    return row;
  }
}
