import type { FinishReason } from "@weft/provider";
import { ProviderError, type ToolCall } from "@weft/provider";
import { mapOpenAIFinishReason } from "./map-finish-reason.js";
import type { WireCompletion } from "./openai-api-types.js";
import { reasoningOf } from "./openai-api-types.js";
import type { StructuredOutputPlan } from "./structured-output.js";

/** The model's answer in a non-streamed completion. */
export interface CompletionAnswer {
  readonly text: string;
  readonly toolCalls: readonly ToolCall[];
  readonly reasoning: string | undefined;
  readonly finishReason: FinishReason;
}

/**
 * The finish reason once the answer tool is taken out: a forced answer-tool call is a normal stop,
 * not a tool call the runtime has to execute.
 */
export function answerFinishReason(
  raw: string | null | undefined,
  answered: boolean,
  otherCalls: number,
): FinishReason {
  const reason = mapOpenAIFinishReason(raw);
  if (answered && otherCalls === 0 && (reason.unified === "tool-calls" || reason.unified === "stop")) {
    return { unified: "stop", raw: reason.raw };
  }
  return reason;
}

/**
 * Reads text, tool calls, reasoning and finish reason from a completion, applying the plan: the
 * answer tool's arguments become the text, and the text is decoded back to the caller's schema.
 * A body without a choice is malformed: `transient`, as a retry usually gets a whole one.
 */
export function readCompletion(
  completion: WireCompletion,
  plan: StructuredOutputPlan,
  provider: string,
): CompletionAnswer {
  const choice = completion.choices?.[0];
  if (!choice?.message) {
    throw new ProviderError({
      kind: "transient",
      message: `${provider}: malformed response: no choice`,
      provider,
      responseBody: completion,
    });
  }
  const message = choice.message;
  let text = message.content ?? message.refusal ?? "";
  let answered = false;
  const toolCalls: ToolCall[] = [];
  for (const [index, call] of (message.tool_calls ?? []).entries()) {
    const name = call.function?.name ?? "";
    const input = call.function?.arguments ?? "";
    if (plan.answerTool !== undefined && name === plan.answerTool) {
      text = input;
      answered = true;
    } else {
      toolCalls.push({ toolCallId: call.id ?? `call_${index}`, toolName: name, input });
    }
  }
  if (plan.decoder.changesText && (answered || plan.answerTool === undefined))
    text = plan.decoder.decode(text);
  const refused = !message.content && typeof message.refusal === "string" && message.refusal !== "";
  return {
    text,
    toolCalls,
    reasoning: reasoningOf(message),
    // A structured-output refusal comes back as `refusal` text with a plain "stop".
    finishReason: refused
      ? { unified: "content-filter", raw: choice.finish_reason ?? undefined }
      : answerFinishReason(choice.finish_reason, answered, toolCalls.length),
  };
}
