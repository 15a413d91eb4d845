import type { FinishReason, GenerateRequest, GenerateResponse, ToolCall, Usage } from "@weft/provider";
import { countMessageTokens, countTokens } from "../tokens/approximate-tokens.js";
import type { MockResponseInit } from "./mock-results.js";

/** What a reply produced, for computing its usage. */
export interface MockOutput {
  readonly text: string;
  readonly toolCalls: readonly ToolCall[];
}

/** Usage for replies that set none: fixed, or a function of the request and the output. */
export type MockUsage = Usage | ((request: GenerateRequest, output: MockOutput) => Usage);

/** Where and when a reply is completed. */
export interface CompletionContext {
  readonly request: GenerateRequest;
  readonly modelId: string;
  readonly responseId: string;
  /** Milliseconds from the call to now. */
  readonly elapsedMs: number;
  readonly usage: MockUsage | undefined;
}

/** The usage {@link MockLanguageModel} reports by default: `countTokens` of the request and the output. */
export function estimateUsage(request: GenerateRequest, output: MockOutput): Usage {
  const outputTokens =
    countTokens(output.text) + output.toolCalls.reduce((sum, call) => sum + countTokens(call.input), 0);
  return { inputTokens: countMessageTokens(request.messages), outputTokens };
}

/** Fills in what a mock reply left out (see {@link MockResponseInit}). */
export function completeResponse(
  init: string | MockResponseInit,
  context: CompletionContext,
): GenerateResponse {
  const reply: MockResponseInit = typeof init === "string" ? { text: init } : init;
  const text = reply.text ?? "";
  const toolCalls = reply.toolCalls ?? [];
  const finishReason: FinishReason =
    reply.finishReason ??
    (toolCalls.length > 0 ? { unified: "tool-calls", raw: "tool_calls" } : { unified: "stop", raw: "stop" });
  const configured = context.usage;
  const usage =
    reply.usage ??
    (typeof configured === "function"
      ? configured(context.request, { text, toolCalls })
      : (configured ?? estimateUsage(context.request, { text, toolCalls })));
  return {
    text,
    toolCalls,
    reasoning: reply.reasoning,
    finishReason,
    usage,
    timing: reply.timing ?? { timeToFirstTokenMs: undefined, totalMs: context.elapsedMs },
    response: reply.response ?? { id: context.responseId, modelId: context.modelId },
    rateLimit: reply.rateLimit,
    ...(reply.providerMetadata === undefined ? {} : { providerMetadata: reply.providerMetadata }),
  };
}
