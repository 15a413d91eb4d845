import type { EventContext } from "@weft/core";
import type {
  AttemptSpan,
  CallSpan,
  Mark,
  ProfileModel,
  RunSpan,
  SpanOwner,
  WaitSpan,
} from "../model/profile-model.js";
import type { CallRecorder } from "./call-recorder.js";
import { compact } from "./compact.js";
import type { LiveAttempt } from "./live-call.js";
import type { LiveMarks } from "./live-marks.js";
import type { NodeRecorder } from "./node-recorder.js";
import { replayNodes } from "./replay-nodes.js";
import { inArrivalOrder, nodeSpans } from "./snapshot-nodes.js";

/** What a snapshot is built from. */
export interface SnapshotSource {
  readonly calls: CallRecorder;
  readonly nodes: NodeRecorder;
  readonly marks: LiveMarks;
  /** Clock reading of the first event: time 0 of the model. */
  readonly origin: number;
  /** Clock reading of the last event: open spans end there. */
  readonly last: number;
  readonly startTime: string | undefined;
  readonly capacity: Readonly<Record<string, number>>;
}

/**
 * The model of everything recorded so far, times relative to the origin. Spans still open end at the last event
 * (an attempt whose slot was taken again ends where the next one begins: its slot was released, so it
 * answered and its `call.finished` is still to come) and read as `in_flight` / `running`.
 */
export function snapshotModel(source: SnapshotSource): ProfileModel {
  const { origin, last } = source;
  const at = (time: number) => time - origin;
  const openEnds = openAttemptEnds(source.calls.attempts, last);
  const attempts: AttemptSpan[] = source.calls.attempts.map((attempt) => {
    const end = attempt.end ?? (openEnds.get(attempt) as number);
    return compact({
      callId: attempt.callId,
      alias: attempt.alias,
      endpoint: attempt.endpoint,
      slot: attempt.slot,
      attempt: attempt.attempt,
      model: attempt.model,
      startMs: at(attempt.start),
      endMs: at(end),
      outcome: attempt.outcome ?? "in_flight",
      errorKind: attempt.errorKind,
      inputTokens: attempt.inputTokens,
      outputTokens: attempt.outputTokens,
      costUsd: attempt.costUsd,
      ttftMs:
        attempt.firstDelta !== undefined && attempt.firstDelta <= end
          ? attempt.firstDelta - attempt.start
          : undefined,
      ...owner(attempt.owner),
    });
  });
  const calls: CallSpan[] = source.calls.segments.map((segment) => {
    const end = segment.end ?? last;
    const waits: WaitSpan[] = segment.waits.map((wait) => ({
      kind: wait.kind,
      startMs: at(wait.start),
      endMs: at(wait.end ?? Math.max(wait.start, Math.min(end, wait.plannedEnd ?? end))),
    }));
    return compact({
      callId: segment.callId,
      alias: segment.alias,
      startMs: at(segment.start),
      endMs: at(end),
      outcome: segment.outcome ?? "in_flight",
      attempts: segment.attempts,
      errorKind: segment.errorKind,
      waits,
      ...owner(segment.owner),
    });
  });
  const replayed = replayNodes(source.nodes.log, source.nodes.runs);
  const nodes = nodeSpans(replayed.nodes, at, last);
  const runs: RunSpan[] = source.nodes.runs.map((run) =>
    compact({
      runId: run.runId,
      startMs: run.start === undefined ? undefined : at(run.start),
      endMs: run.end === undefined ? undefined : at(run.end),
      status: run.status,
      graph: run.graph,
    }),
  );
  const aliasOf = source.calls.endpointAlias;
  const marks: Mark[] = inArrivalOrder(source.marks, replayed.marks).map((mark) =>
    compact({
      name: mark.name,
      category: mark.category,
      timeMs: at(mark.time),
      alias:
        mark.alias ?? (typeof mark.args.endpoint === "string" ? aliasOf.get(mark.args.endpoint) : undefined),
      runId: mark.runId,
      args: compact(mark.args),
    }),
  );
  return compact({
    startTime: source.startTime,
    originMs: origin,
    window: { startMs: 0, endMs: at(last) },
    capacity: source.capacity,
    attempts,
    calls,
    nodes,
    runs,
    marks,
  });
}

function owner(context: EventContext | undefined): SpanOwner {
  if (!context) return {};
  return compact({
    runId: context.runId,
    itemId: context.itemId,
    nodeId: context.nodeId,
    modulePath: context.modulePath,
  });
}

/** Where each still-open attempt ends: the next start on its slot, else `last`. */
function openAttemptEnds(attempts: readonly LiveAttempt[], last: number): Map<LiveAttempt, number> {
  const ends = new Map<LiveAttempt, number>();
  const lanes = new Map<string, LiveAttempt[]>();
  for (const attempt of attempts) {
    const key = `${attempt.endpoint}\u0000${attempt.slot}`;
    const lane = lanes.get(key);
    if (lane) lane.push(attempt);
    else lanes.set(key, [attempt]);
  }
  for (const lane of lanes.values()) {
    lane.forEach((attempt, index) => {
      if (attempt.end !== undefined) return;
      const next = lane.slice(index + 1).find((other) => other.start >= attempt.start);
      ends.set(attempt, Math.max(attempt.start, Math.min(last, next?.start ?? last)));
    });
  }
  return ends;
}
