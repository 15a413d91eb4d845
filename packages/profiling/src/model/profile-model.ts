import type { ExpansionTemplateInput, RunGraphInput } from "../input/runtime-events.js";

/** Who a span belongs to: echoed from the event context. */
export interface SpanOwner {
  readonly runId?: string;
  readonly itemId?: string;
  readonly nodeId?: string;
  readonly modulePath?: string;
}

/**
 * How an attempt ended: `ok` (answered), `rate_limited` (429 or overloaded), `timeout`, `aborted`, `failed`
 * (any other error), or `in_flight` (still running when the trace was written).
 */
export type AttemptOutcome = "ok" | "rate_limited" | "timeout" | "aborted" | "failed" | "in_flight";

/** One attempt of an LLM call on one endpoint slot, from `call.started` to its end. Times in ms. */
export interface AttemptSpan extends SpanOwner {
  readonly callId: string;
  readonly alias: string;
  readonly endpoint: string;
  /** The endpoint slot (0-based) it held: its swim lane. */
  readonly slot: number;
  /** 1-based, per alias. */
  readonly attempt: number;
  readonly model?: string;
  readonly startMs: number;
  readonly endMs: number;
  readonly outcome: AttemptOutcome;
  readonly errorKind?: string;
  readonly inputTokens?: number;
  readonly outputTokens?: number;
  readonly costUsd?: number;
  /** Time from start to the first streamed delta. */
  readonly ttftMs?: number;
}

/**
 * What a call waited for while not in service: `budget` (a reservation), `queue` (an endpoint slot),
 * `rate_limit` (the endpoint's rate limiter, holding a slot), `retry_backoff` (the delay before a retry).
 */
export type WaitKind = "budget" | "queue" | "rate_limit" | "retry_backoff";

/** One wait of a call. */
export interface WaitSpan {
  readonly kind: WaitKind;
  readonly startMs: number;
  readonly endMs: number;
}

/** How a call's time on one alias ended. `fallback`: it moved to another alias. */
export type CallOutcome = "ok" | "failed" | "fallback" | "in_flight";

/**
 * A call's time on one alias (a call that falls back has one per alias): from its first event there to its
 * answer, failure or fallback. While it is open the call is outstanding work for the alias.
 */
export interface CallSpan extends SpanOwner {
  readonly callId: string;
  readonly alias: string;
  readonly startMs: number;
  readonly endMs: number;
  readonly outcome: CallOutcome;
  /** Attempts started on this alias. */
  readonly attempts: number;
  readonly errorKind?: string;
  readonly waits: readonly WaitSpan[];
}

/** How a node ended; `running` when the trace was written first. */
export type NodeStatus = "finished" | "failed" | "cancelled" | "running";

/** One executed node, from its first `node.started` to its end (retries included). */
export interface NodeSpan {
  readonly runId: string;
  readonly itemId?: string;
  readonly nodeId: string;
  readonly kind: string;
  readonly modulePath?: string;
  readonly alias?: string;
  /** When it became ready (`node.queued`). */
  readonly queuedMs?: number;
  readonly startMs: number;
  readonly endMs: number;
  readonly status: NodeStatus;
  readonly retries: number;
}

/** A fan-out of a run: its node, its element subgraph and how many of its elements ran. */
export interface FanOutExpansion {
  readonly nodeId: string;
  /** Its elements (the most over a batch's items), up to the last one that sent node events in the run. */
  readonly count: number;
  readonly template: ExpansionTemplateInput;
}

/** One run. */
export interface RunSpan {
  readonly runId: string;
  readonly startMs?: number;
  readonly endMs?: number;
  readonly status?: string;
  /** The graph `run.started` announced. */
  readonly graph?: RunGraphInput;
  /** Its fan-outs' elements, added to `graph` for the critical path (`expandedGraph`). */
  readonly expansions?: readonly FanOutExpansion[];
}

/** A point event: a 429, a retry, a fallback, a budget event, a cache hit, a limiter change, a node mark. */
export interface Mark {
  readonly name: string;
  /** `rate_limit`, `retry`, `fallback`, `budget`, `cache`, `limiter`, `node`, `item`. */
  readonly category: string;
  readonly timeMs: number;
  /** The alias it concerns, if any. */
  readonly alias?: string;
  /** The run it concerns, if any (node and item marks). */
  readonly runId?: string;
  readonly args: Readonly<Record<string, string | number | boolean>>;
}

/**
 * Everything a profile holds, times in ms since the origin (the first event). The profiler builds it from
 * events; the trace reader rebuilds the same model from a trace file.
 */
export interface ProfileModel {
  readonly startTime?: string;
  readonly originMs: number;
  readonly window: { readonly startMs: number; readonly endMs: number };
  /** Configured concurrency per alias (analysis falls back to the observed one). */
  readonly capacity: Readonly<Record<string, number>>;
  readonly attempts: readonly AttemptSpan[];
  readonly calls: readonly CallSpan[];
  readonly nodes: readonly NodeSpan[];
  readonly runs: readonly RunSpan[];
  readonly marks: readonly Mark[];
}

/** The run id of events that carry none. */
export const DEFAULT_RUN_ID = "run";
