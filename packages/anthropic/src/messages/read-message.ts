import { type FinishReason, ProviderError, type ToolCall } from "@weft/provider";
import type { WireMessage } from "./anthropic-api-types.js";
import { mapAnthropicStopReason } from "./map-stop-reason.js";
import type { AnthropicOutputPlan } from "./structured-output.js";

/** The model's answer in a non-streamed message. */
export interface MessageAnswer {
  readonly text: string;
  readonly toolCalls: readonly ToolCall[];
  readonly reasoning: string | undefined;
  readonly finishReason: FinishReason;
}

/** A forced answer-tool call is a normal stop, not a tool call the runtime has to execute. */
export function answerStopReason(
  raw: string | null | undefined,
  answered: boolean,
  otherCalls: number,
): FinishReason {
  const reason = mapAnthropicStopReason(raw);
  return answered && otherCalls === 0 && reason.unified === "tool-calls"
    ? { unified: "stop", raw: reason.raw }
    : reason;
}

/**
 * Reads text, thinking, tool calls and the stop reason from a message, applying the plan: the answer
 * tool's input becomes the text, and wrapped answers are unwrapped. A body without content is
 * malformed: `transient`.
 */
export function readMessage(
  message: WireMessage,
  plan: AnthropicOutputPlan,
  provider: string,
): MessageAnswer {
  if (!Array.isArray(message.content)) {
    throw new ProviderError({
      kind: "transient",
      provider,
      message: `${provider}: malformed response: no content`,
      responseBody: message,
    });
  }
  let text = "";
  let reasoning = "";
  let answer: string | undefined;
  const toolCalls: ToolCall[] = [];
  for (const block of message.content) {
    if (block.type === "text") text += block.text ?? "";
    else if (block.type === "thinking") reasoning += block.thinking ?? "";
    else if (block.type === "tool_use") {
      const input = JSON.stringify(block.input ?? {});
      if (plan.answerTool !== undefined && block.name === plan.answerTool) answer = input;
      else
        toolCalls.push({
          toolCallId: block.id ?? `toolu_${toolCalls.length}`,
          toolName: block.name ?? "",
          input,
        });
    }
  }
  const answered = answer !== undefined;
  let finalText = answer ?? text;
  if (plan.decode && (answered || plan.answerTool === undefined)) finalText = plan.decode(finalText);
  return {
    text: finalText,
    toolCalls,
    reasoning: reasoning === "" ? undefined : reasoning,
    finishReason: answerStopReason(message.stop_reason, answered, toolCalls.length),
  };
}
