import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import type { Clock } from "@weft/core";
import type { MutableRecord, RequestLog } from "./request-log.js";
import { formatSse, type SseEvent } from "./sse-writer.js";

/**
 * One request/response pair: writes the reply, notices when the client goes away (and then stops any
 * wait at once), and settles the log record when the connection closes.
 */
export class Exchange {
  private readonly closed = new AbortController();
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
      this.closed.abort();
      log.settle(record, outcome, clock.now());
    });
  }

  /** True once the connection is gone. */
  get isClosed(): boolean {
    return this.closed.signal.aborted;
  }

  /** Waits `ms` on the clock; false (at once) if the client goes away meanwhile. */
  async pause(ms: number): Promise<boolean> {
    if (this.isClosed) return false;
    if (ms <= 0) return true;
    try {
      await this.clock.sleep(ms, this.closed.signal);
      return true;
    } catch {
      return false;
    }
  }

  /** Sends a complete JSON (or pre-serialised) body. */
  sendJson(status: number, body: unknown, headers: OutgoingHttpHeaders = {}): void {
    if (this.isClosed) return;
    const text = typeof body === "string" ? body : JSON.stringify(body);
    this.record.status = status;
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
    this.record.status = status;
    const full = Buffer.byteLength(text);
    this.response.writeHead(status, {
      ...headers,
      "content-type": "application/json",
      "content-length": full,
    });
    this.response.write(text.slice(0, Math.floor(text.length / 2)), () => this.destroy());
  }

  /** Starts a `text/event-stream` reply. */
  startEvents(headers: OutgoingHttpHeaders): void {
    if (this.isClosed) return;
    this.record.status = 200;
    this.response.writeHead(200, {
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

  /** Drops the connection without finishing the reply (reset and cut faults). */
  destroy(): void {
    this.destroyedByServer = true;
    this.request.socket.destroy();
    this.response.destroy();
  }
}
