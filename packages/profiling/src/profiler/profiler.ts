import { mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import type { WeftEvent } from "@weft/core";
import type { ProfileAnalysis } from "../analysis/analysis-types.js";
import type { AnalyzeOptions } from "../analysis/analyze-trace.js";
import { analyzeTrace } from "../analysis/analyze-trace.js";
import { ProfilingError } from "../errors/profiling-error.js";
import { buildTrace } from "../export/build-trace.js";
import type { ProfileModel } from "../model/profile-model.js";
import { CallLog } from "../record/call-log.js";
import { EventBounds } from "../record/event-bounds.js";
import { NodeLog } from "../record/node-log.js";
import { NodeRecorder } from "../record/node-recorder.js";
import { replayCalls } from "../record/replay-calls.js";
import { routeEvent } from "../record/route-event.js";
import { snapshotModel } from "../record/snapshot-model.js";
import { serializeTrace } from "../trace/serialize-trace.js";
import type { TraceFile } from "../trace/trace-types.js";

/** Options of a {@link Profiler}. */
export interface ProfilerOptions {
  /** Where `flush()` writes when it is given no path. Default: none (`flush()` then needs a path). */
  readonly path?: string;
  /**
   * Configured concurrency per alias, the capacity utilization is measured against (see `aliasCapacities`).
   * Default: none; analysis then uses the slots each alias was seen to use.
   */
  readonly capacity?: Readonly<Record<string, number>>;
  /** Wall clock (ms since the epoch) stamped as the trace's `start_time` at the first event. Default: `Date.now`. */
  readonly wallClock?: () => number;
  /** Link each critical path's steps with flow events. Default: true. */
  readonly criticalPathFlows?: boolean;
}

/**
 * Anything events can be taken from, such as an `EventBus` of any event type. The profiler keeps each event's
 * `context` object (not a copy), so a source must not change a context after emitting it.
 */
export interface EventSource {
  onAny(listener: (event: WeftEvent) => void): () => void;
}

/**
 * Records weft's runtime and resource events and writes them as Trace Event Format JSON for Perfetto and
 * chrome://tracing: a process per endpoint alias, a thread per concurrency slot, a slice per LLM call attempt,
 * call spans with their queue, rate-limit, backoff and budget waits, counters, instants, and a process per run with
 * its nodes (user leaf modules on compute lanes) and the graph embedded for analysis.
 *
 * Pass it as execution's `profiler` option, or `attach` it to any event bus. Recording only stores events; the
 * trace is built when asked for. Events of unknown types are ignored.
 *
 * @example
 * ```ts
 * const profiler = new Profiler({ path: "out/run.trace.json", capacity: aliasCapacities(manager.config) });
 * profiler.attach(manager.events);
 * await run(graph, input, { profiler });
 * await profiler.flush();
 * console.log(formatSummary(profiler.analyze()));
 * ```
 */
export class Profiler {
  /**
   * The profiler keeps no event object, only the values of its fields (and its `context`; of a rare resource event,
   * such as a retry or a budget event, a shallow copy), so execution may pass the per-node events as reused objects
   * when the profiler is a run's only subscriber. Always true.
   */
  readonly transientEvents = true;
  /**
   * The profiler reads the graph nodes' queue, start and finish times from the node timeline weft's runtime hands
   * it on `run.started`, so the runtime does not send it their `node.queued`, `node.started` and `node.finished`
   * (tool calls and resumed nodes still send theirs, and it reads those events from any other source, such as
   * `attach`). Recording nodes this way costs a profiled run a few writes per node instead of three events (see
   * design_docs/profiling.md). Always true.
   */
  readonly nodeTimeline = true;
  private readonly nodeLog = new NodeLog();
  private readonly bounds = new EventBounds();
  private readonly calls = new CallLog(this.nodeLog);
  private readonly nodes = new NodeRecorder(this.nodeLog);
  private readonly wallClock: () => number;
  private startTime: string | undefined;

  constructor(private readonly options: ProfilerOptions = {}) {
    this.wallClock = options.wallClock ?? Date.now;
  }

  /** Events recorded so far (node times read from a run's node timeline are not events, and not counted). */
  get recordedEvents(): number {
    return this.bounds.count;
  }

  /** Records one event; execution's `profiler` option calls this for every runtime and resource event. */
  onEvent(event: WeftEvent): void {
    if (routeEvent(event, this.nodes, this.calls, this.bounds) && this.startTime === undefined)
      this.startTime = new Date(this.wallClock()).toISOString();
  }

  /** Subscribes to every event of `source`; returns the unsubscribe function. */
  attach(source: EventSource): () => void {
    return source.onAny((event) => this.onEvent(event));
  }

  /** The recording as a model (times in ms since the first event); open spans end at the last event. */
  snapshot(): ProfileModel {
    const { calls, marks } = replayCalls(this.calls);
    return snapshotModel({
      calls,
      nodes: this.nodes,
      marks,
      origin: this.bounds.first,
      last: this.bounds.last,
      startTime: this.startTime,
      capacity: this.options.capacity ?? {},
    });
  }

  /** The trace file as an object (`JSON.stringify(profiler)` writes it too). */
  toJSON(): TraceFile {
    return buildTrace(this.snapshot(), { criticalPathFlows: this.options.criticalPathFlows ?? true });
  }

  /** Analysis of the recording so far: exactly what `analyzeTrace` gives for the flushed file. */
  analyze(options: AnalyzeOptions = {}): ProfileAnalysis {
    return analyzeTrace(this.toJSON(), options);
  }

  /**
   * Writes the trace to `path` (default: the `path` option), creating parent directories; resolves with the
   * path written. Rejects with a `ProfilingError` (`no_path`, `write_failed`).
   */
  async flush(path: string | undefined = this.options.path): Promise<string> {
    if (path === undefined)
      throw new ProfilingError("no_path", "flush() needs a path: pass one or set the path option");
    try {
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, serializeTrace(this.toJSON()), "utf8");
    } catch (cause) {
      throw new ProfilingError("write_failed", `could not write the trace to ${path}`, { cause });
    }
    return path;
  }
}
