import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import type { Clock } from "@weft/core";
import type { MutableRecord, RequestLog } from "./request-log.js";
import { formatSse, type SseEvent } from "./sse-writer.js";

/**
 * One request/response pair: writes the reply, notices when the client goes away (and then stops any
 * wait at once), and settles the log record when the connection closes.
 */
// Aborting with a fixed reason spares a DOMException per request; nobody reads it.
const CLIENT_GONE = Symbol("client gone");

export class Exchange {
  /** Created on the first wait only: most exchanges never wait, and the server handles thousands per second. */
  private waits: AbortController | undefined;
  private closed = false;
  private destroyedByServer = false;

  constructor(
    readonly request: IncomingMessage,
    private readonly response: ServerResponse,
    readonly record: MutableRecord,
    private readonly clock: Clock,
    log: RequestLog,
  ) {
    response.on("close", () => {
      const outcome = response.writableFinished
        ? "completed"
        : this.destroyedByServer
          ? "server_closed"
          : "client_closed";
      this.closed = true;
      this.waits?.abort(CLIENT_GONE);
      log.settle(record, outcome, clock.now());
    });
  }

  /** True once the connection is gone. */
  get isClosed(): boolean {
    return this.closed;
  }

  /** Waits `ms` on the clock; false (at once) if the client goes away meanwhile. */
  async pause(ms: number): Promise<boolean> {
    if (this.isClosed) return false;
    if (ms <= 0) return true;
    this.waits ??= new AbortController();
    try {
      await this.clock.sleep(ms, this.waits.signal);
      return true;
    } catch {
      return false;
    }
  }

  /** Sends a complete JSON (or pre-serialised) body. */
  sendJson(status: number, body: unknown, headers: OutgoingHttpHeaders = {}): void {
    if (this.isClosed) return;
    const text = typeof body === "string" ? body : JSON.stringify(body);
    this.started(status);
    this.response.writeHead(status, {
      ...headers,
      "content-type": "application/json",
      "content-length": Buffer.byteLength(text),
    });
    this.response.end(text);
  }

  /** Sends headers and the first part of a body that claims to be longer, then destroys the socket. */
  sendTruncated(status: number, text: string, headers: OutgoingHttpHeaders = {}): void {
    if (this.isClosed) return;
    this.started(status);
    const full = Buffer.byteLength(text);
    this.response.writeHead(status, {
      ...headers,
      "content-type": "application/json",
      "content-length": full,
    });
    this.response.write(text.slice(0, Math.floor(text.length / 2)), () => this.destroy());
  }

  /** Starts a `text/event-stream` reply (status 200 unless a scripted reply says otherwise). */
  startEvents(headers: OutgoingHttpHeaders, status = 200): void {
    if (this.isClosed) return;
    this.started(status);
    this.response.writeHead(status, {
      ...headers,
      "content-type": "text/event-stream",
      "cache-control": "no-cache",
      connection: "keep-alive",
    });
    this.response.flushHeaders();
  }

  /** Writes one event (or raw SSE text); false when the client is gone. `onFlushed` runs once it left. */
  writeEvent(event: SseEvent | string, onFlushed?: () => void): boolean {
    if (this.isClosed) return false;
    this.response.write(typeof event === "string" ? event : formatSse(event), onFlushed);
    this.record.eventsSent++;
    return true;
  }

  /** Ends the reply normally. */
  end(): void {
    if (!this.isClosed) this.response.end();
  }

  private started(status: number): void {
    this.record.status = status;
    this.record.replyStartTime = this.clock.now();
  }

  /** Drops the connection without finishing the reply (reset and cut faults). */
  destroy(): void {
    this.destroyedByServer = true;
    this.request.socket.destroy();
    this.response.destroy();
  }
}
