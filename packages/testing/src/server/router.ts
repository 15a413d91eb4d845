import type { IncomingMessage, ServerResponse } from "node:http";
import type { Clock } from "@weft/core";
import { Exchange } from "./exchange.js";
import { type ChatContext, handleChat } from "./handle-chat.js";
import type { ChatProtocol } from "./protocol.js";
import { type RequestLog, redactHeaders } from "./request-log.js";
import { isRecord } from "./validation.js";

/** The header that labels a request in the log (`RecordedRequest.tag`). */
export const TAG_HEADER = "x-weft-mock-tag";
const MAX_BODY_BYTES = 32 * 1024 * 1024;

/** What the router dispatches to. */
export interface RouterDeps {
  readonly clock: Clock;
  readonly log: RequestLog;
  readonly routes: Readonly<Record<string, ChatProtocol>>;
  /** Read per request, so `setFaults`/`setLatency`/`setLimits` apply to the next request. */
  context(): ChatContext;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new RangeError("request body too large");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Handles one HTTP request: logs it, parses its JSON body and hands it to the protocol for its path. */
export async function route(
  request: IncomingMessage,
  response: ServerResponse,
  deps: RouterDeps,
): Promise<void> {
  const path = (request.url ?? "/").split("?")[0] ?? "/";
  const tag = request.headers[TAG_HEADER];
  const record = deps.log.start({
    method: request.method ?? "GET",
    path,
    headers: redactHeaders(request.headers),
    time: deps.clock.now(),
    tag: Array.isArray(tag) ? tag[0] : tag,
  });
  const exchange = new Exchange(request, response, record, deps.clock, deps.log);
  const protocol = request.method === "POST" ? deps.routes[path] : undefined;
  const fallback = deps.routes["/v1/chat/completions"] as ChatProtocol;
  try {
    const text = await readBody(request);
    let body: unknown = text;
    try {
      body = text === "" ? undefined : JSON.parse(text);
    } catch {
      // Kept as text in the log; answered below.
    }
    record.body = body;
    if (!protocol) {
      const { status, body: errorBody } = fallback.errorReply("not_found", {
        message: `Invalid URL (${request.method} ${path})`,
      });
      return exchange.sendJson(status, errorBody);
    }
    record.protocol = protocol.name;
    if (!isRecord(body)) {
      const message =
        typeof body === "string"
          ? "We could not parse the JSON body of your request. The API expects a JSON payload."
          : "The request body must be a JSON object.";
      const { status, body: errorBody } = protocol.issueReply({ status: 400, message });
      return exchange.sendJson(status, errorBody);
    }
    await handleChat(exchange, protocol, body, deps.context());
  } catch (error) {
    const message = `weft mock server failed: ${error instanceof Error ? error.message : String(error)}`;
    const { body: errorBody } = (protocol ?? fallback).errorReply("server_error", { message });
    if (!response.headersSent) exchange.sendJson(500, errorBody);
    else exchange.destroy();
  }
}
