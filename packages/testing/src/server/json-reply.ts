import type { Exchange } from "./exchange.js";
import type { ReplyPlan } from "./reply-plan.js";

/**
 * Writes a JSON reply after the latency model's total, applying body faults: `stall_stream` pauses before
 * the body, `cut_stream` sends half of it and drops the socket, `malformed_json` sends half of it as if whole.
 */
export async function jsonReply(exchange: Exchange, plan: ReplyPlan, stallMs: number): Promise<void> {
  if (!(await exchange.pause(plan.latency.totalMs))) return;
  if (plan.fault === "stall_stream" && !(await exchange.pause(stallMs))) return;
  const text = JSON.stringify(plan.protocol.renderJson(plan.reply, plan.request, plan.usage, plan.wallNow));
  if (plan.fault === "cut_stream") return exchange.sendTruncated(200, text, plan.headers);
  exchange.sendJson(
    200,
    plan.fault === "malformed_json" ? text.slice(0, Math.floor(text.length / 2)) : text,
    plan.headers,
  );
}
