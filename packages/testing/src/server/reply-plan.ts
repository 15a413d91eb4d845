import type { OutgoingHttpHeaders } from "node:http";
import type { MockFault } from "./faults/faults.js";
import type { AppliedLatency } from "./latency/latency-model.js";
import type { ChatProtocol, ReplyUsage } from "./protocol.js";
import type { ChatRequest } from "./reply/chat-request.js";
import type { PlannedReply } from "./reply/plan-reply.js";

/** What a reply writer needs. */
export interface ReplyPlan {
  readonly protocol: ChatProtocol;
  readonly request: ChatRequest;
  readonly reply: PlannedReply;
  readonly usage: ReplyUsage;
  readonly headers: OutgoingHttpHeaders;
  readonly latency: AppliedLatency;
  readonly fault: MockFault | undefined;
  readonly wallNow: number;
}
