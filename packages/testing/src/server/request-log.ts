import type { MockFault } from "./faults/faults.js";
import type { AppliedLatency } from "./latency/latency-model.js";
import type { MockProtocol, ReplyUsage } from "./protocol.js";

/**
 * How an exchange ended: `pending` while in flight, `completed` when the whole reply was sent,
 * `client_closed` when the client went away first, `server_closed` when the server cut it (faults).
 */
export type RequestOutcome = "pending" | "completed" | "client_closed" | "server_closed";

/** One request the mock server received, and what it answered. Fields fill in as the reply proceeds. */
export interface RecordedRequest {
  /** Position in the log since the last `reset()`, from 0. */
  readonly index: number;
  readonly method: string;
  /** The path without the query string. */
  readonly path: string;
  /** Request headers, lower-cased, with credentials (`authorization`, `x-api-key`, ...) redacted. */
  readonly headers: Readonly<Record<string, string>>;
  /** The parsed JSON body, or the raw text when it was not JSON. */
  readonly body: unknown;
  /** Arrival time on the server's clock. */
  readonly time: number;
  readonly protocol: MockProtocol | undefined;
  readonly stream: boolean;
  /** The `x-weft-mock-tag` header, for finding a request in the log. */
  readonly tag: string | undefined;
  /** The HTTP status answered; undefined until the reply starts, and when the connection was reset before any reply. */
  readonly status: number | undefined;
  /**
   * When the server wrote the status line and headers, on the server's clock: after the whole latency for a
   * JSON reply, at once for a stream (its events are paced after). Undefined until then, and without a reply.
   */
  readonly replyStartTime: number | undefined;
  readonly fault: MockFault | undefined;
  /** The latency model's delays for this request (zero when none is configured). */
  readonly latency: AppliedLatency | undefined;
  readonly usage: ReplyUsage | undefined;
  /** SSE events written so far, and how many the full reply has. */
  readonly eventsSent: number;
  readonly eventsPlanned: number;
  readonly outcome: RequestOutcome;
  /** True when the client closed the connection before the reply ended. */
  readonly clientClosed: boolean;
  /** When the exchange ended, on the server's clock. */
  readonly endTime: number | undefined;
}

/** @internal the log's own writable view of a record. */
export type MutableRecord = { -readonly [K in keyof RecordedRequest]: RecordedRequest[K] };

const SECRET_HEADERS = new Set([
  "authorization",
  "proxy-authorization",
  "x-api-key",
  "api-key",
  "cookie",
  "x-goog-api-key",
]);

/** Lower-cases header names and replaces credential values with `[redacted]`. */
export function redactHeaders(
  headers: Readonly<Record<string, string | string[] | undefined>>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const key = name.toLowerCase();
    out[key] = SECRET_HEADERS.has(key) ? "[redacted]" : Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}

interface Waiter {
  readonly predicate: (request: RecordedRequest) => boolean;
  readonly resolve: (request: RecordedRequest) => void;
  /** Wake when a matching request has ended (true) or as soon as one arrives (false). */
  readonly settled: boolean;
}

/** The server's request log: bounded, with waiters for requests that have ended. */
export class RequestLog {
  private entries: MutableRecord[] = [];
  private waiters: Waiter[] = [];
  private counter = 0;

  constructor(private readonly limit: number) {}

  get all(): readonly RecordedRequest[] {
    return this.entries;
  }

  start(fields: Pick<RecordedRequest, "method" | "path" | "headers" | "time" | "tag">): MutableRecord {
    const record: MutableRecord = {
      index: this.counter++,
      body: undefined,
      protocol: undefined,
      stream: false,
      status: undefined,
      replyStartTime: undefined,
      fault: undefined,
      latency: undefined,
      usage: undefined,
      eventsSent: 0,
      eventsPlanned: 0,
      outcome: "pending",
      clientClosed: false,
      endTime: undefined,
      ...fields,
    };
    this.entries.push(record);
    if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit);
    this.wake(record, false);
    return record;
  }

  /** Marks a record ended and wakes the waiters it satisfies. */
  settle(record: MutableRecord, outcome: Exclude<RequestOutcome, "pending">, time: number): void {
    if (record.outcome !== "pending") return;
    record.outcome = outcome;
    record.clientClosed = outcome === "client_closed";
    record.endTime = time;
    this.wake(record, true);
  }

  private wake(record: RecordedRequest, settled: boolean): void {
    const ready = this.waiters.filter((waiter) => waiter.settled === settled && waiter.predicate(record));
    if (ready.length === 0) return;
    this.waiters = this.waiters.filter((waiter) => !ready.includes(waiter));
    for (const waiter of ready) waiter.resolve(record);
  }

  /** The first request matching `predicate` that has ended (or, with `settled: false`, arrived), now or later. */
  waitFor(predicate: (request: RecordedRequest) => boolean, settled = true): Promise<RecordedRequest> {
    const done = this.entries.find((entry) => (!settled || entry.outcome !== "pending") && predicate(entry));
    if (done) return Promise.resolve(done);
    return new Promise((resolve) => this.waiters.push({ predicate, resolve, settled }));
  }

  clear(): void {
    this.entries = [];
    this.counter = 0;
  }
}
