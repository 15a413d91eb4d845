import type { EventContext } from "@weft/core";
import type { ItemDoneInput } from "../input/runtime-events.js";
import { DEFAULT_RUN_ID } from "../model/profile-model.js";
import { CALL_DELTA, CALL_FINISHED, CALL_STARTED, type CallLog, type OtherEvent } from "./call-log.js";
import { type CallRecordEvent, CallRecorder, type LimiterAdjustedEvent } from "./call-recorder.js";
import { LiveMarks } from "./live-marks.js";

/** What replaying a {@link CallLog} gives: the call tables and every mark the log's events leave. */
export interface ReplayedCalls {
  readonly calls: CallRecorder;
  /** In arrival order, each with the number of node events recorded before it. */
  readonly marks: LiveMarks;
}

/** Replays the log into a fresh recorder: the same tables whenever it is replayed, mid-run or after. */
export function replayCalls(log: CallLog): ReplayedCalls {
  const cursor = { size: 0 };
  const marks = new LiveMarks(cursor);
  const calls = new CallRecorder(marks);
  const { refs, aliases, endpoints, models } = log;
  let ref = 0;
  for (const { numbers, length } of log.chunks) {
    for (let at = 0; at < length; ) {
      const tag = numbers[at] as number;
      if (tag === CALL_STARTED) {
        calls.started({
          time: numbers[at + 1] as number,
          callId: refs.get(ref) as string,
          context: refs.get(ref + 1) as EventContext | undefined,
          alias: aliases.value(numbers[at + 4] as number) as string,
          endpoint: endpoints.value(numbers[at + 5] as number) as string,
          slot: numbers[at + 2] as number,
          attempt: numbers[at + 3] as number,
          model: models.value(numbers[at + 6] as number) as string,
        });
        at += 7;
        ref += 2;
      } else if (tag === CALL_FINISHED) {
        calls.finished({
          time: numbers[at + 1] as number,
          callId: refs.get(ref) as string,
          serviceMs: numbers[at + 2] as number,
          inputTokens: numbers[at + 3] as number,
          outputTokens: numbers[at + 4] as number,
          costUsd: numbers[at + 5] as number,
        });
        at += 6;
        ref += 1;
      } else if (tag === CALL_DELTA) {
        calls.delta(refs.get(ref) as string, numbers[at + 1] as number);
        at += 2;
        ref += 1;
      } else {
        cursor.size = numbers[at + 1] as number;
        try {
          replayOther(refs.get(ref) as OtherEvent, calls, marks);
        } catch {
          // A malformed event (a field its type promises is missing) is left out, as recording never throws; the
          // rest of the log still replays.
        }
        at += 2;
        ref += 1;
      }
    }
  }
  return { calls, marks };
}

function replayOther(event: OtherEvent, calls: CallRecorder, marks: LiveMarks): void {
  if (event.type === "item.done") {
    const item = event as ItemDoneInput;
    const runId = item.context?.runId ?? DEFAULT_RUN_ID;
    marks.add("item done", "item", item.time, undefined, runId, { itemId: item.context?.itemId });
  } else if (event.type === "limiter.adjusted") calls.limiterAdjusted(event as LimiterAdjustedEvent);
  else calls.other(event as CallRecordEvent);
}
