import { splitIntoDeltas } from "../../mock-model/response-parts.js";
import { hashString } from "../../random/seeded-random.js";
import { countTokens } from "../../tokens/approximate-tokens.js";
import type { ReplyUsage } from "../protocol.js";
import type { ChatRequest } from "../reply/chat-request.js";
import type { PlannedReply } from "../reply/plan-reply.js";
import { fragments, type SseEvent } from "../sse-writer.js";

const STOP: Readonly<Record<PlannedReply["finish"], string>> = {
  stop: "end_turn",
  length: "max_tokens",
  tool_calls: "tool_use",
};
const ARGUMENT_FRAGMENT = 12;

type Block =
  | { type: "thinking"; thinking: string; signature: string }
  | { type: "text"; text: string; citations: null }
  | { type: "tool_use"; id: string; name: string; input: unknown };

function blocks(reply: PlannedReply): Block[] {
  const out: Block[] = [];
  if (reply.reasoning !== undefined) {
    out.push({
      type: "thinking",
      thinking: reply.reasoning,
      signature: `sig_${hashString(reply.reasoning).toString(16)}`,
    });
  }
  if (reply.text !== "" || reply.toolCalls.length === 0)
    out.push({ type: "text", text: reply.text, citations: null });
  for (const call of reply.toolCalls)
    out.push({
      type: "tool_use",
      id: `toolu_${call.id}`,
      name: call.name,
      input: JSON.parse(call.arguments),
    });
  return out;
}

function usageBody(usage: ReplyUsage) {
  return {
    input_tokens: usage.inputTokens - usage.cacheReadTokens - usage.cacheWriteTokens,
    cache_creation_input_tokens: usage.cacheWriteTokens,
    cache_read_input_tokens: usage.cacheReadTokens,
    output_tokens: usage.outputTokens,
    output_tokens_details: { thinking_tokens: usage.reasoningTokens },
    service_tier: "standard",
  };
}

function message(reply: PlannedReply, request: ChatRequest) {
  return { id: `msg_${reply.id}`, type: "message", role: "assistant", model: request.model };
}

/** A `message` object. */
export function renderAnthropicJson(reply: PlannedReply, request: ChatRequest, usage: ReplyUsage) {
  return {
    ...message(reply, request),
    content: blocks(reply),
    stop_reason: STOP[reply.finish],
    stop_sequence: null,
    usage: usageBody(usage),
  };
}

const event = (type: string, payload: Record<string, unknown>, tokens = 0): SseEvent => ({
  event: type,
  data: JSON.stringify({ type, ...payload }),
  tokens,
});

function blockEvents(block: Block, index: number): SseEvent[] {
  const delta = (payload: Record<string, unknown>, tokens: number) =>
    event("content_block_delta", { index, delta: payload }, tokens);
  const events: SseEvent[] = [];
  if (block.type === "thinking") {
    events.push(
      event("content_block_start", {
        index,
        content_block: { type: "thinking", thinking: "", signature: "" },
      }),
    );
    for (const piece of splitIntoDeltas(block.thinking))
      events.push(delta({ type: "thinking_delta", thinking: piece }, countTokens(piece)));
    events.push(delta({ type: "signature_delta", signature: block.signature }, 0));
  } else if (block.type === "text") {
    events.push(
      event("content_block_start", { index, content_block: { type: "text", text: "", citations: null } }),
    );
    for (const piece of splitIntoDeltas(block.text))
      events.push(delta({ type: "text_delta", text: piece }, countTokens(piece)));
  } else {
    events.push(
      event(
        "content_block_start",
        { index, content_block: { type: "tool_use", id: block.id, name: block.name, input: {} } },
        countTokens(block.name),
      ),
    );
    for (const piece of fragments(JSON.stringify(block.input), ARGUMENT_FRAGMENT)) {
      events.push(delta({ type: "input_json_delta", partial_json: piece }, countTokens(piece)));
    }
  }
  events.push(event("content_block_stop", { index }));
  return events;
}

/** The events of a streamed message: start, blocks (with a ping after the first start), delta, stop. */
export function renderAnthropicStream(
  reply: PlannedReply,
  request: ChatRequest,
  usage: ReplyUsage,
): SseEvent[] {
  const startUsage = { ...usageBody(usage), output_tokens: 1, output_tokens_details: null };
  const events: SseEvent[] = [
    event("message_start", {
      message: {
        ...message(reply, request),
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: startUsage,
      },
    }),
  ];
  blocks(reply).forEach((block, index) => {
    const blockEventsList = blockEvents(block, index);
    events.push(...blockEventsList.slice(0, 1));
    if (index === 0) events.push(event("ping", {}));
    events.push(...blockEventsList.slice(1));
  });
  const {
    input_tokens,
    cache_creation_input_tokens,
    cache_read_input_tokens,
    output_tokens,
    output_tokens_details,
  } = usageBody(usage);
  events.push(
    event("message_delta", {
      delta: { stop_reason: STOP[reply.finish], stop_sequence: null },
      usage: {
        input_tokens,
        cache_creation_input_tokens,
        cache_read_input_tokens,
        output_tokens,
        output_tokens_details,
      },
    }),
  );
  events.push(event("message_stop", {}));
  return events;
}
