import { splitIntoDeltas } from "../../mock-model/response-parts.js";
import { countTokens } from "../../tokens/approximate-tokens.js";
import type { ReplyUsage } from "../protocol.js";
import type { ChatRequest } from "../reply/chat-request.js";
import type { PlannedReply } from "../reply/plan-reply.js";
import { fragments, type SseEvent } from "../sse-writer.js";

const FINISH: Readonly<Record<PlannedReply["finish"], string>> = {
  stop: "stop",
  length: "length",
  tool_calls: "tool_calls",
};
const ARGUMENT_FRAGMENT = 12;
const FINGERPRINT = "fp_weft_mock";

function usageBody(usage: ReplyUsage) {
  return {
    prompt_tokens: usage.inputTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: usage.inputTokens + usage.outputTokens,
    prompt_tokens_details: { cached_tokens: usage.cacheReadTokens, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: usage.reasoningTokens,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

const toolCallId = (id: string) => `call_${id}`;

/** A `chat.completion` object. */
export function renderOpenAIJson(
  reply: PlannedReply,
  request: ChatRequest,
  usage: ReplyUsage,
  wallNow: number,
) {
  const message: Record<string, unknown> = {
    role: "assistant",
    content: reply.toolCalls.length > 0 && reply.text === "" ? null : reply.text,
    refusal: null,
    annotations: [],
  };
  if (reply.reasoning !== undefined) message.reasoning_content = reply.reasoning;
  if (reply.toolCalls.length > 0) {
    message.tool_calls = reply.toolCalls.map((call) => ({
      id: toolCallId(call.id),
      type: "function",
      function: { name: call.name, arguments: call.arguments },
    }));
  }
  return {
    id: `chatcmpl-${reply.id}`,
    object: "chat.completion",
    created: Math.floor(wallNow / 1000),
    model: request.model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: FINISH[reply.finish] }],
    usage: usageBody(usage),
    service_tier: "default",
    system_fingerprint: FINGERPRINT,
  };
}

/** The `chat.completion.chunk` events of a streamed reply, ending with the usage chunk (if asked) and `[DONE]`. */
export function renderOpenAIStream(
  reply: PlannedReply,
  request: ChatRequest,
  usage: ReplyUsage,
  wallNow: number,
): SseEvent[] {
  const base = {
    id: `chatcmpl-${reply.id}`,
    object: "chat.completion.chunk",
    created: Math.floor(wallNow / 1000),
    model: request.model,
    system_fingerprint: FINGERPRINT,
  };
  const withUsage = request.streamUsage ? { usage: null } : {};
  const chunk = (delta: Record<string, unknown>, tokens: number, finish: string | null = null): SseEvent => ({
    data: JSON.stringify({
      ...base,
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
      ...withUsage,
    }),
    tokens,
  });
  const events: SseEvent[] = [chunk({ role: "assistant", content: "", refusal: null }, 0)];
  for (const delta of splitIntoDeltas(reply.reasoning ?? ""))
    events.push(chunk({ reasoning_content: delta }, countTokens(delta)));
  for (const delta of splitIntoDeltas(reply.text)) events.push(chunk({ content: delta }, countTokens(delta)));
  reply.toolCalls.forEach((call, index) => {
    const head = {
      index,
      id: toolCallId(call.id),
      type: "function",
      function: { name: call.name, arguments: "" },
    };
    events.push(chunk({ tool_calls: [head] }, countTokens(call.name)));
    for (const piece of fragments(call.arguments, ARGUMENT_FRAGMENT)) {
      events.push(chunk({ tool_calls: [{ index, function: { arguments: piece } }] }, countTokens(piece)));
    }
  });
  events.push(chunk({}, 0, FINISH[reply.finish]));
  if (request.streamUsage)
    events.push({ data: JSON.stringify({ ...base, choices: [], usage: usageBody(usage) }), tokens: 0 });
  events.push({ data: "[DONE]", tokens: 0 });
  return events;
}
