import type { Exchange } from "../exchange.js";
import type { ScriptedReply } from "./scripted-reply.js";

/** Writes a scripted reply: a JSON body, or its events (then ends, unless it holds the connection open). */
export function sendScriptedReply(exchange: Exchange, reply: ScriptedReply): void {
  const headers = { ...reply.headers };
  if (!reply.events) {
    exchange.sendJson(reply.status ?? 200, reply.body ?? {}, headers);
    return;
  }
  exchange.record.eventsPlanned = reply.events.length;
  exchange.startEvents(headers, reply.status);
  for (const { event, data } of reply.events) {
    const text = typeof data === "string" ? data : JSON.stringify(data);
    exchange.writeEvent(event === undefined ? { data: text, tokens: 0 } : { event, data: text, tokens: 0 });
  }
  // Held: the exchange ends when the client leaves (or the server closes), and the log records it.
  if (!reply.hold) exchange.end();
}
