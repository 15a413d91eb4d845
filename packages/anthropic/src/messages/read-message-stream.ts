import { ProviderError, type RateLimitInfo, type StreamPart, type ToolCall } from "@weft/provider";
import type { WireStreamEvent } from "./anthropic-api-types.js";
import { type AnthropicUsage, convertAnthropicUsage, mergeAnthropicUsage } from "./convert-usage.js";
import { answerStopReason } from "./read-message.js";
import type { AnthropicOutputPlan } from "./structured-output.js";

/** What {@link readMessageStream} needs besides the events. */
export interface MessageStreamContext {
  readonly plan: AnthropicOutputPlan;
  readonly provider: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly rateLimit: RateLimitInfo | undefined;
  readonly now: () => number;
  /** `now()` when the request was sent. */
  readonly startedAt: number;
  readonly providerMetadata?: Readonly<Record<string, unknown>>;
}

interface OpenBlock {
  readonly kind: "text" | "thinking" | "tool" | "answer" | "other";
  readonly id: string;
  readonly name: string;
  input: string;
}

/**
 * Turns Messages API stream events into weft stream parts: `message_start` gives `response-metadata`;
 * `text_delta`, `thinking_delta` and `input_json_delta` become text, reasoning and tool-call deltas;
 * a tool call is emitted whole at its `content_block_stop`; `message_delta` carries the stop reason and
 * final usage; `finish` follows `message_stop`. The answer tool's input streams as text (held back and
 * unwrapped when the answer was wrapped). A stream that ends before `message_stop` was cut: `transient`.
 * `error` events are thrown by the SDK and classified by the caller.
 */
export async function* readMessageStream(
  events: AsyncIterable<WireStreamEvent>,
  context: MessageStreamContext,
): AsyncGenerator<StreamPart> {
  const { plan } = context;
  const blocks = new Map<number, OpenBlock>();
  const toolCalls: ToolCall[] = [];
  let usage: AnthropicUsage | undefined;
  let stopReason: string | undefined;
  let stopped = false;
  let metadataSent = false;
  let firstTokenAt: number | undefined;
  let held = "";
  let answered = false;
  const markToken = () => {
    firstTokenAt ??= context.now();
  };
  function* answerText(delta: string): Generator<StreamPart> {
    if (delta === "") return;
    markToken();
    if (plan.decode) held += delta;
    else yield { type: "text-delta", delta };
  }

  // Plain text streams through, except a native structured answer that must be unwrapped.
  function* answerOrText(delta: string): Generator<StreamPart> {
    if (plan.answerTool === undefined) {
      yield* answerText(delta);
      return;
    }
    if (delta === "") return;
    markToken();
    yield { type: "text-delta", delta };
  }

  for await (const event of events) {
    if (!metadataSent) {
      metadataSent = true;
      const message = event.type === "message_start" ? event.message : undefined;
      usage = message?.usage ?? undefined;
      yield {
        type: "response-metadata",
        response: {
          id: message?.id ?? undefined,
          modelId: message?.model ?? undefined,
          headers: context.headers,
        },
        rateLimit: context.rateLimit,
      };
    }
    const index = event.index ?? 0;
    if (event.type === "content_block_start") {
      const block = event.content_block ?? {};
      const isTool = block.type === "tool_use";
      const isAnswer = isTool && plan.answerTool !== undefined && block.name === plan.answerTool;
      const kind = isAnswer
        ? "answer"
        : isTool
          ? "tool"
          : block.type === "text" || block.type === "thinking"
            ? block.type
            : "other";
      const open: OpenBlock = { kind, id: block.id ?? `toolu_${index}`, name: block.name ?? "", input: "" };
      blocks.set(index, open);
      if (kind === "answer") answered = true;
      if (kind === "tool") {
        markToken();
        yield { type: "tool-call-start", toolCallId: open.id, toolName: open.name };
      }
      if (kind === "text") yield* answerOrText(block.text ?? "");
    } else if (event.type === "content_block_delta") {
      const block = blocks.get(index);
      const delta = event.delta ?? {};
      if (delta.type === "text_delta") yield* answerOrText(delta.text ?? "");
      else if (delta.type === "thinking_delta" && delta.thinking) {
        markToken();
        yield { type: "reasoning-delta", delta: delta.thinking };
      } else if (delta.type === "input_json_delta" && block && delta.partial_json) {
        block.input += delta.partial_json;
        if (block.kind === "answer") yield* answerText(delta.partial_json);
        else if (block.kind === "tool")
          yield { type: "tool-call-delta", toolCallId: block.id, inputDelta: delta.partial_json };
      }
    } else if (event.type === "content_block_stop") {
      const block = blocks.get(index);
      if (block?.kind === "tool") {
        const toolCall = {
          toolCallId: block.id,
          toolName: block.name,
          input: block.input === "" ? "{}" : block.input,
        };
        toolCalls.push(toolCall);
        yield { type: "tool-call", toolCall };
      }
    } else if (event.type === "message_delta") {
      stopReason = event.delta?.stop_reason ?? stopReason;
      usage = mergeAnthropicUsage(usage, event.usage ?? undefined);
    } else if (event.type === "message_stop") {
      stopped = true;
    }
  }
  if (!stopped) {
    throw new ProviderError({
      kind: "transient",
      provider: context.provider,
      message: `${context.provider}: the stream ended before message_stop`,
    });
  }
  if (plan.decode && held !== "") yield { type: "text-delta", delta: plan.decode(held) };
  const finishedAt = context.now();
  yield {
    type: "finish",
    finishReason: answerStopReason(stopReason, answered, toolCalls.length),
    usage: convertAnthropicUsage(usage),
    timing: {
      timeToFirstTokenMs: firstTokenAt === undefined ? undefined : firstTokenAt - context.startedAt,
      totalMs: finishedAt - context.startedAt,
    },
    ...(context.providerMetadata ? { providerMetadata: context.providerMetadata } : {}),
  };
}
