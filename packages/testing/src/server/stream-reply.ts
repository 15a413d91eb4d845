import type { Exchange } from "./exchange.js";
import type { ReplyPlan } from "./reply-plan.js";

/**
 * Writes a streamed reply, pacing content events by the latency model (time to first token before the
 * first content event, then per-token time), and applying stream faults after the first content event:
 * `cut_stream` destroys the socket half-way, `stream_error_event` sends the protocol's error event and
 * ends, `stall_stream` pauses, `malformed_json` sends an event that is not JSON and ends.
 */
export async function streamReply(exchange: Exchange, plan: ReplyPlan, stallMs: number): Promise<void> {
  const events = plan.protocol.renderStream(plan.reply, plan.request, plan.usage, plan.wallNow);
  exchange.record.eventsPlanned = events.length;
  const firstContent = Math.max(
    0,
    events.findIndex((event) => event.tokens > 0),
  );
  const cutAfter = Math.min(events.length - 2, Math.max(firstContent, Math.floor(events.length / 2) - 1));
  exchange.startEvents(plan.headers);
  const { timeToFirstTokenMs, perTokenMs } = plan.latency;
  for (const [index, event] of events.entries()) {
    const wait = (index === firstContent ? timeToFirstTokenMs : 0) + perTokenMs * event.tokens;
    if (!(await exchange.pause(wait))) return;
    if (plan.fault === "malformed_json" && index === firstContent) {
      exchange.writeEvent(
        `${event.event === undefined ? "" : `event: ${event.event}\n`}data: {"type": "content_block_delta", "index": 0,\n\n`,
      );
      return exchange.end();
    }
    if (plan.fault === "cut_stream" && index === cutAfter) {
      exchange.writeEvent(event, () => exchange.destroy());
      return;
    }
    if (!exchange.writeEvent(event)) return;
    if (index !== firstContent) continue;
    if (plan.fault === "stream_error_event") {
      exchange.writeEvent(plan.protocol.streamErrorEvent());
      return exchange.end();
    }
    if (plan.fault === "stall_stream" && !(await exchange.pause(stallMs))) return;
  }
  exchange.end();
}
