import type { EventContext } from "@weft/core";
import type { CallFinishedEvent, CallStartedEvent, ResourceEvent } from "@weft/resources";
import type { ItemDoneInput } from "../input/runtime-events.js";
import type { CallRecordEvent, LimiterAdjustedEvent } from "./call-recorder.js";
import type { EventCursor } from "./live-marks.js";
import { RefColumn } from "./ref-column.js";
import { StringCodes } from "./string-codes.js";
import { nextChunkLength } from "./typed-columns.js";

/** A row's tag, its first number. */
export const CALL_STARTED = 1;
export const CALL_FINISHED = 2;
/** A streamed chunk: only its time and call are kept (a snapshot reads the first chunk's time of an attempt). */
export const CALL_DELTA = 3;
/** Any other call, budget or cache event, a limiter change or `item.done`: kept as a copy. */
export const OTHER_EVENT = 4;

/** The events a {@link CallLog} keeps as copies. */
export type OtherEvent = CallRecordEvent | LimiterAdjustedEvent | ItemDoneInput;

type CallDeltaEvent = Extract<ResourceEvent, { type: "call.delta" }>;

/** Numbers of the first chunk; each next chunk doubles, up to {@link MAX_CHUNK_NUMBERS}. */
const FIRST_CHUNK_NUMBERS = 8192;
const MAX_CHUNK_NUMBERS = 131_072;
const NONE = Number.NaN;

/** One chunk of a {@link CallLog}'s numbers: whole rows, in its first `length` numbers. */
export interface CallLogChunk {
  readonly numbers: Float64Array;
  length: number;
}

/**
 * The resource events of a recording (and `item.done`), in arrival order, as they came: nothing is derived while
 * recording. A call sends two events at least, `call.started` and `call.finished`; each is a few numbers in one
 * row-major array and one or two references; a streamed chunk is its time and call. Rarer events (waits,
 * retries, failures, budget and cache events, limiter changes) are kept as shallow copies. A snapshot replays the
 * log into a `CallRecorder` (`replayCalls`).
 *
 * Why a log rather than live tables: a call's segment, attempt and wait rows take a map lookup per event and
 * writes to some twenty columns; done live, that work and its memory traffic sit between execution's own steps.
 * Interleaved with runs without a profiler, on the 10k-node workload of `pnpm bench profiling`, the profiler with
 * the log read 1.077 (±2.2%) against 1.089 (±1.9%) with live tables: at most a little cheaper (see
 * design_docs/profiling.md). It also keeps a snapshot free of side effects.
 */
export class CallLog {
  /**
   * Row-major numbers: a tag, then the row's fields (see `started`, `finished`, `other`). In chunks that are never
   * copied or resized (a row never spans two), so the log holds about what it uses.
   */
  readonly chunks: CallLogChunk[] = [];
  private chunk: CallLogChunk = { numbers: new Float64Array(0), length: 0 };
  /** Per row, in order: a call's id (and for `call.started` its context), or an event copy. */
  readonly refs = new RefColumn<unknown>();
  readonly aliases = new StringCodes();
  readonly endpoints = new StringCodes();
  readonly models = new StringCodes();

  constructor(private readonly nodeEvents: EventCursor) {}

  /** Appends any event the call recorder reads. Its time and call id (if it names a call) were checked. */
  append(event: OtherEvent): void {
    if (event.type === "call.started") this.started(event);
    else if (event.type === "call.finished" && !event.cached) this.finished(event);
    else if (event.type === "call.delta") this.delta(event);
    else this.other(event);
  }

  // Each row reads all of its event's fields before it writes anything, so a malformed event cannot leave a row
  // without its references (which would pair every later row with the wrong call).

  /** `[CALL_STARTED, time, slot, attempt, alias, endpoint, model]`; refs: call id, context. */
  private started(event: CallStartedEvent): void {
    const { time, slot, attempt, callId, context } = event;
    const alias = this.aliases.code(event.alias);
    const endpoint = this.endpoints.code(event.endpoint);
    const model = this.models.code(event.model);
    const at = this.reserve(7);
    const numbers = this.chunk.numbers;
    numbers[at] = CALL_STARTED;
    numbers[at + 1] = time;
    numbers[at + 2] = slot;
    numbers[at + 3] = attempt;
    numbers[at + 4] = alias;
    numbers[at + 5] = endpoint;
    numbers[at + 6] = model;
    this.refs.push(callId);
    this.refs.push(context);
  }

  /** `[CALL_FINISHED, time, serviceMs, inputTokens, outputTokens, costUsd]` (NaN: unknown); refs: call id. */
  private finished(event: CallFinishedEvent): void {
    const usage = event.usage as CallFinishedEvent["usage"] | undefined;
    const serviceMs = (event.timings as CallFinishedEvent["timings"] | undefined)?.serviceMs ?? NONE;
    const inputTokens = usage?.inputTokens ?? NONE;
    const outputTokens = usage?.outputTokens ?? NONE;
    const costUsd = event.costUsd ?? NONE;
    const at = this.reserve(6);
    const numbers = this.chunk.numbers;
    numbers[at] = CALL_FINISHED;
    numbers[at + 1] = event.time;
    numbers[at + 2] = serviceMs;
    numbers[at + 3] = inputTokens;
    numbers[at + 4] = outputTokens;
    numbers[at + 5] = costUsd;
    this.refs.push(event.callId);
  }

  /** `[CALL_DELTA, time]`; refs: call id. The chunk's text is not kept. */
  private delta(event: CallDeltaEvent): void {
    const at = this.reserve(2);
    const numbers = this.chunk.numbers;
    numbers[at] = CALL_DELTA;
    numbers[at + 1] = event.time;
    this.refs.push(event.callId);
  }

  /**
   * `[OTHER_EVENT, node events recorded before it]`; refs: a shallow copy of the event (a source may reuse event
   * objects, see `Profiler.transientEvents`).
   */
  private other(event: OtherEvent): void {
    const at = this.reserve(2);
    const numbers = this.chunk.numbers;
    numbers[at] = OTHER_EVENT;
    numbers[at + 1] = this.nodeEvents.size;
    this.refs.push({ ...event });
  }

  /** The index of `count` new numbers in the current chunk (a new chunk when they do not fit). */
  private reserve(count: number): number {
    let chunk = this.chunk;
    let at = chunk.length;
    if (at + count > chunk.numbers.length) {
      const size = nextChunkLength(FIRST_CHUNK_NUMBERS, MAX_CHUNK_NUMBERS, this.chunks.length);
      chunk = { numbers: new Float64Array(size), length: 0 };
      this.chunks.push(chunk);
      this.chunk = chunk;
      at = 0;
    }
    chunk.length = at + count;
    return at;
  }
}

/** A `call.started` row as the recorder reads it. */
export interface LoggedStart {
  readonly time: number;
  readonly callId: string;
  readonly context: EventContext | undefined;
  readonly alias: string;
  readonly endpoint: string;
  readonly slot: number;
  readonly attempt: number;
  readonly model: string;
}

/** A `call.finished` row as the recorder reads it (NaN: unknown). */
export interface LoggedFinish {
  readonly time: number;
  readonly callId: string;
  readonly serviceMs: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly costUsd: number;
}
