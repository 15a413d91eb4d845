import {
  ProviderError,
  type RateLimitInfo,
  type ResponseInfo,
  type StreamPart,
  type ToolCall,
  type Usage,
} from "@weft/provider";
import { convertOpenAIUsage } from "./convert-usage.js";
import type { WireCompletion, WireToolCall } from "./openai-api-types.js";
import { reasoningOf } from "./openai-api-types.js";
import { answerFinishReason } from "./read-completion.js";
import type { StructuredOutputPlan } from "./structured-output.js";

/** What {@link readChatStream} needs besides the chunks. */
export interface ChatStreamContext {
  readonly plan: StructuredOutputPlan;
  readonly provider: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly rateLimit: RateLimitInfo | undefined;
  readonly now: () => number;
  /** `now()` when the request was sent. */
  readonly startedAt: number;
  readonly providerMetadata?: Readonly<Record<string, unknown>>;
}

interface PendingCall {
  id: string;
  name: string;
  input: string;
  isAnswer: boolean;
}

/**
 * Turns chat-completion chunks into weft stream parts: `response-metadata` first, text, reasoning and
 * tool-call deltas as they arrive, whole tool calls once the choice finishes, `finish` last. With an
 * answer tool its argument fragments are the text. When the plan must rewrite the answer (strict-mode
 * nulls), the text is held back and sent decoded as one delta at the end.
 * A stream that ends without a finish reason was cut: `transient`.
 */
export async function* readChatStream(
  chunks: AsyncIterable<WireCompletion>,
  context: ChatStreamContext,
): AsyncGenerator<StreamPart> {
  const { plan } = context;
  const hold = plan.decoder.changesText;
  const calls = new Map<number, PendingCall>();
  let metadataSent = false;
  let firstTokenAt: number | undefined;
  let finishRaw: string | undefined;
  let usage: Usage | undefined;
  let heldText = "";
  let answered = false;
  let refused = false;
  const metadata = (chunk: WireCompletion | undefined): StreamPart => {
    metadataSent = true;
    const response: ResponseInfo = {
      id: chunk?.id ?? undefined,
      modelId: chunk?.model ?? undefined,
      headers: context.headers,
    };
    return { type: "response-metadata", response, rateLimit: context.rateLimit };
  };
  const markToken = () => {
    firstTokenAt ??= context.now();
  };
  function* text(delta: string): Generator<StreamPart> {
    if (delta === "") return;
    markToken();
    if (hold) heldText += delta;
    else yield { type: "text-delta", delta };
  }
  function* toolDelta(wire: WireToolCall, position: number): Generator<StreamPart> {
    const index = wire.index ?? position;
    let call = calls.get(index);
    const fragment = wire.function?.arguments ?? "";
    if (!call) {
      const name = wire.function?.name ?? "";
      call = { id: wire.id ?? `call_${index}`, name, input: "", isAnswer: name === plan.answerTool };
      calls.set(index, call);
      markToken();
      if (call.isAnswer) answered = true;
      else yield { type: "tool-call-start", toolCallId: call.id, toolName: call.name };
    }
    if (fragment === "") return;
    call.input += fragment;
    if (call.isAnswer) yield* text(fragment);
    else yield { type: "tool-call-delta", toolCallId: call.id, inputDelta: fragment };
  }

  for await (const chunk of chunks) {
    if (!metadataSent) yield metadata(chunk);
    if (chunk.usage) usage = convertOpenAIUsage(chunk.usage);
    const choice = chunk.choices?.[0];
    if (!choice) continue;
    const delta = choice.delta;
    const reasoning = reasoningOf(delta);
    if (reasoning !== undefined) {
      markToken();
      yield { type: "reasoning-delta", delta: reasoning };
    }
    if (!plan.answerTool || !answered) yield* text(delta?.content ?? "");
    if (delta?.refusal) {
      refused = true;
      markToken();
      yield { type: "text-delta", delta: delta.refusal };
    }
    for (const [position, wire] of (delta?.tool_calls ?? []).entries()) yield* toolDelta(wire, position);
    if (choice.finish_reason) finishRaw = choice.finish_reason;
  }
  if (finishRaw === undefined) {
    throw new ProviderError({
      kind: "transient",
      message: `${context.provider}: the stream ended before the model finished`,
      provider: context.provider,
    });
  }
  if (!metadataSent) yield metadata(undefined);
  if (hold && heldText !== "") yield { type: "text-delta", delta: plan.decoder.decode(heldText) };
  const toolCalls: ToolCall[] = [...calls.values()]
    .filter((call) => !call.isAnswer)
    .map((call) => ({ toolCallId: call.id, toolName: call.name, input: call.input }));
  for (const toolCall of toolCalls) yield { type: "tool-call", toolCall };
  const finishedAt = context.now();
  yield {
    type: "finish",
    finishReason: refused
      ? { unified: "content-filter", raw: finishRaw }
      : answerFinishReason(finishRaw, answered, toolCalls.length),
    usage: usage ?? convertOpenAIUsage(undefined),
    timing: {
      timeToFirstTokenMs: firstTokenAt === undefined ? undefined : firstTokenAt - context.startedAt,
      totalMs: finishedAt - context.startedAt,
    },
    ...(context.providerMetadata ? { providerMetadata: context.providerMetadata } : {}),
  };
}
