import { type Clock, systemClock, type WeftEvent } from "@weft/core";
import type { RunnerEvent } from "../events/runner-events.js";

/** The fields of the resources layer's `call.*` events that progress reads. */
interface CallEventFields extends WeftEvent {
  readonly callId?: string;
  readonly alias?: string;
  readonly usage?: { readonly inputTokens?: number; readonly outputTokens?: number };
  readonly costUsd?: number;
}

/** Options of a {@link RunProgress}. */
export interface RunProgressOptions {
  /** Time for rates and the ETA; use the clock the runtime emits on. Default: `systemClock`. */
  readonly clock?: Clock;
  /** Window of the calls-per-second rate, in milliseconds. Default: 10,000. */
  readonly rateWindowMs?: number;
}

/** Where a dataset run stands. Counts are for this session; `resumed` entries were done by earlier ones. */
export interface ProgressSnapshot {
  readonly elapsedMs: number;
  /** Entries this run reads, when known. */
  readonly total: number | undefined;
  readonly resumed: number;
  /** Entries finished this session (succeeded, failed and invalid). */
  readonly done: number;
  readonly succeeded: number;
  /** Entries that failed to run or could not run. */
  readonly failed: number;
  readonly rows: number;
  /** Model calls answered. */
  readonly calls: number;
  /** Calls answered per second over the rate window. */
  readonly callsPerSecond: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly costUsd: number;
  /** Estimated milliseconds left, from this session's item rate; `undefined` without a total or a rate. */
  readonly etaMs: number | undefined;
  /** Model calls in flight by alias (aliases with none are left out). */
  readonly inFlight: Readonly<Record<string, number>>;
  readonly finished: boolean;
}

/**
 * Live figures of a dataset run, from events alone: the runner's `dataset.*` events and the resources layer's
 * `call.*` events. Feed it with `bus.onAny(progress.handle)`; read `snapshot()` whenever a display redraws.
 *
 * @example
 * ```ts
 * const progress = new RunProgress({ clock });
 * const off = events.onAny(progress.handle);
 * setInterval(() => console.log(progress.snapshot().done), 1000);
 * ```
 */
export class RunProgress {
  private readonly clock: Clock;
  private readonly windowMs: number;
  private startedAt: number;
  private total: number | undefined;
  private resumed = 0;
  private succeeded = 0;
  private failed = 0;
  private rows = 0;
  private calls = 0;
  private inputTokens = 0;
  private outputTokens = 0;
  private costUsd = 0;
  private finished = false;
  private readonly callTimes: number[] = [];
  private readonly openCalls = new Map<string, string>();

  constructor(options: RunProgressOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.windowMs = options.rateWindowMs ?? 10_000;
    this.startedAt = this.clock.now();
  }

  /** The event listener; bound, so it can be passed as is. */
  readonly handle = (event: WeftEvent): void => {
    const runner = event as RunnerEvent;
    switch (runner.type) {
      case "dataset.started":
        this.startedAt = runner.time;
        this.total = runner.total;
        this.resumed = runner.resumed;
        return;
      case "dataset.item":
        if (runner.status === "ok") this.succeeded++;
        else this.failed++;
        this.rows += runner.rows;
        return;
      case "dataset.finished":
        this.finished = true;
        return;
    }
    this.onCall(event as CallEventFields);
  };

  snapshot(): ProgressSnapshot {
    const now = this.clock.now();
    const elapsedMs = Math.max(0, now - this.startedAt);
    while (this.callTimes.length > 0 && (this.callTimes[0] as number) <= now - this.windowMs)
      this.callTimes.shift();
    const window = Math.min(this.windowMs, elapsedMs);
    const done = this.succeeded + this.failed;
    const remaining = this.total === undefined ? undefined : Math.max(0, this.total - this.resumed - done);
    const inFlight: Record<string, number> = {};
    for (const alias of this.openCalls.values()) inFlight[alias] = (inFlight[alias] ?? 0) + 1;
    return {
      elapsedMs,
      total: this.total,
      resumed: this.resumed,
      done,
      succeeded: this.succeeded,
      failed: this.failed,
      rows: this.rows,
      calls: this.calls,
      callsPerSecond: window > 0 ? (this.callTimes.length * 1000) / window : 0,
      inputTokens: this.inputTokens,
      outputTokens: this.outputTokens,
      costUsd: this.costUsd,
      etaMs:
        remaining === undefined || done === 0 || elapsedMs === 0 ? undefined : (remaining * elapsedMs) / done,
      inFlight,
      finished: this.finished,
    };
  }

  private onCall(event: CallEventFields): void {
    const { callId } = event;
    if (callId === undefined) return;
    switch (event.type) {
      case "call.started":
        if (event.alias !== undefined) this.openCalls.set(callId, event.alias);
        return;
      case "call.attempt_failed":
      case "call.failed":
        this.openCalls.delete(callId);
        return;
      case "call.finished":
        this.openCalls.delete(callId);
        this.calls++;
        this.callTimes.push(event.time);
        this.inputTokens += event.usage?.inputTokens ?? 0;
        this.outputTokens += event.usage?.outputTokens ?? 0;
        this.costUsd += event.costUsd ?? 0;
        return;
    }
  }
}
