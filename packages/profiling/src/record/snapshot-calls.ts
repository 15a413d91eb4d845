import type {
  AttemptOutcome,
  AttemptSpan,
  CallOutcome,
  CallSpan,
  WaitKind,
  WaitSpan,
} from "../model/profile-model.js";
import { ATTEMPT_OUTCOMES, CALL_OUTCOMES, WAIT_KINDS } from "./call-columns.js";
import type { CallTable } from "./call-table.js";
import { compact } from "./compact.js";
import { unlessNaN } from "./typed-columns.js";

/**
 * The attempts of the table as spans, times made relative by `at`. An attempt still open ends where the next
 * attempt on its slot begins (its slot was released, so it answered), else at `last`, and reads `in_flight`.
 */
export function attemptSpans(table: CallTable, at: (time: number) => number, last: number): AttemptSpan[] {
  const { attempts, segments, strings } = table;
  const openEnds = openAttemptEnds(table, last);
  const spans: AttemptSpan[] = [];
  for (let row = 0; row < attempts.size; row++) {
    const segment = attempts.segment[row] as number;
    const start = attempts.start[row] as number;
    const end = unlessNaN(attempts.end[row]) ?? (openEnds.get(row) as number);
    const firstDelta = unlessNaN(attempts.firstDelta[row]);
    spans.push(
      compact({
        callId: segments.callId.get(segment),
        alias: strings.aliases.value(segments.alias[segment] as number) as string,
        endpoint: strings.endpoints.value(attempts.endpoint[row] as number) as string,
        slot: attempts.slot[row] as number,
        attempt: attempts.attempt[row] as number,
        model: strings.models.value(attempts.model[row] as number),
        startMs: at(start),
        endMs: at(end),
        outcome: (ATTEMPT_OUTCOMES[attempts.outcome[row] as number] ?? "in_flight") as AttemptOutcome,
        errorKind: strings.errorKinds.value(attempts.errorKind[row] as number),
        inputTokens: unlessNaN(attempts.inputTokens[row]),
        outputTokens: unlessNaN(attempts.outputTokens[row]),
        costUsd: unlessNaN(attempts.costUsd[row]),
        ttftMs: firstDelta !== undefined && firstDelta <= end ? firstDelta - start : undefined,
        ...owner(table, segment),
      }),
    );
  }
  return spans;
}

/** The call segments of the table as spans; one still open ends at `last`, its open waits with it. */
export function callSpans(table: CallTable, at: (time: number) => number, last: number): CallSpan[] {
  const { segments, waits, strings } = table;
  const spans: CallSpan[] = [];
  for (let row = 0; row < segments.size; row++) {
    const end = unlessNaN(segments.end[row]) ?? last;
    const waitSpans: WaitSpan[] = [];
    for (let next = segments.firstWait[row] as number; next > 0; next = waits.next[next - 1] as number) {
      const wait = next - 1;
      const start = waits.start[wait] as number;
      const planned = unlessNaN(waits.plannedEnd[wait]) ?? end;
      waitSpans.push({
        kind: WAIT_KINDS[waits.kind[wait] as number] as WaitKind,
        startMs: at(start),
        endMs: at(unlessNaN(waits.end[wait]) ?? Math.max(start, Math.min(end, planned))),
      });
    }
    spans.push(
      compact({
        callId: segments.callId.get(row),
        alias: strings.aliases.value(segments.alias[row] as number) as string,
        startMs: at(segments.start[row] as number),
        endMs: at(end),
        outcome: (CALL_OUTCOMES[segments.outcome[row] as number] ?? "in_flight") as CallOutcome,
        attempts: segments.attempts[row] as number,
        errorKind: strings.errorKinds.value(segments.errorKind[row] as number),
        waits: waitSpans,
        ...owner(table, row),
      }),
    );
  }
  return spans;
}

function owner(table: CallTable, segment: number) {
  const context = table.segments.owner.get(segment);
  return {
    runId: context?.runId,
    itemId: context?.itemId,
    nodeId: context?.nodeId,
    modulePath: context?.modulePath,
  };
}

/** Where each still-open attempt ends: the next start on its slot, else `last`. */
function openAttemptEnds(table: CallTable, last: number): Map<number, number> {
  const { attempts } = table;
  const ends = new Map<number, number>();
  const lanes = new Map<string, number[]>();
  for (let row = 0; row < attempts.size; row++) {
    const key = `${attempts.endpoint[row]}\u0000${attempts.slot[row]}`;
    const lane = lanes.get(key);
    if (lane) lane.push(row);
    else lanes.set(key, [row]);
  }
  for (const lane of lanes.values()) {
    lane.forEach((row, index) => {
      if (!Number.isNaN(attempts.end[row])) return;
      const start = attempts.start[row] as number;
      const next = lane.slice(index + 1).find((other) => (attempts.start[other] as number) >= start);
      const nextStart = next === undefined ? last : (attempts.start[next] as number);
      ends.set(row, Math.max(start, Math.min(last, nextStart)));
    });
  }
  return ends;
}
