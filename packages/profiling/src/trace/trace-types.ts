import type { RunGraphInput } from "../input/runtime-events.js";
import type { FanOutExpansion } from "../model/profile-model.js";

/**
 * One event of the Trace Event Format (the JSON that Perfetto and chrome://tracing open). Times are
 * microseconds. Optional keys are present only when set.
 */
export interface TraceEvent {
  readonly name: string;
  readonly cat?: string;
  /** Phase: `B`/`E` slice begin/end, `X` complete slice, `i` instant, `C` counter, `M` metadata, `b`/`e` async
   * begin/end, `s`/`t`/`f` flow start/step/end. */
  readonly ph: string;
  readonly ts: number;
  readonly pid: number;
  readonly tid: number;
  /** Duration of an `X` event, microseconds. */
  readonly dur?: number;
  readonly args?: Readonly<Record<string, unknown>>;
  /** Scope of an instant: global, process or thread. */
  readonly s?: "g" | "p" | "t";
  /** Async and flow id. */
  readonly id?: string | number;
  /** Flow binding point: `"e"` binds a flow end to the enclosing slice. */
  readonly bp?: "e";
}

/**
 * One run's graph, as embedded in the trace so analysis works from the file alone; each fan-out's elements as one
 * template and a count, not one entry per element.
 */
export interface TraceRun {
  readonly runId: string;
  readonly graph: RunGraphInput;
  readonly expansions?: readonly FanOutExpansion[];
}

/** What weft adds under `metadata.weft`. */
export interface WeftTraceMetadata {
  /** Version of weft's conventions on top of the Trace Event Format. */
  readonly formatVersion: 1;
  /** The runtime Clock reading (ms) that `ts: 0` stands for. */
  readonly clockOriginMs: number;
  /** The profiled window in ms since the origin: first to last event received. */
  readonly window: { readonly startMs: number; readonly endMs: number };
  /** Configured concurrency per alias, when the profiler was told. */
  readonly capacity: Readonly<Record<string, number>>;
  /** The graphs of the runs seen. */
  readonly runs: readonly TraceRun[];
}

/** A trace file in the Trace Event Format's JSON Object Format, as the profiler writes it. */
export interface TraceFile {
  readonly traceEvents: readonly TraceEvent[];
  readonly displayTimeUnit: "ms";
  readonly metadata: {
    readonly generator: string;
    /** Wall-clock time (ISO 8601, UTC) of the first event. */
    readonly start_time?: string;
    readonly total_events: number;
    readonly weft: WeftTraceMetadata;
  };
}
