import {
  type GenerateResponse,
  ProviderError,
  type RateLimitInfo,
  type ResponseInfo,
  type StreamPart,
  type ToolCall,
} from "@weft/provider";

/** A piece of streamed output, as published in `call.delta` events. */
export interface StreamDelta {
  readonly kind: "text" | "reasoning";
  readonly delta: string;
}

/**
 * Reads a stream to its end and assembles the same `GenerateResponse` `generate` would return, passing each
 * text and reasoning delta to `onDelta` as it arrives, and calling `onAnswerStarted` once, at the first part (the
 * provider accepted the request and may be generating). A stream that ends without its `finish` part was cut:
 * that is a retryable `ProviderError` of kind `transient`.
 */
export async function collectStream(
  parts: AsyncIterable<StreamPart>,
  provider: string,
  onDelta?: (delta: StreamDelta) => void,
  onAnswerStarted?: () => void,
): Promise<GenerateResponse> {
  const text: string[] = [];
  const reasoning: string[] = [];
  const toolCalls: ToolCall[] = [];
  let response: ResponseInfo = { id: undefined, modelId: undefined };
  let rateLimit: RateLimitInfo | undefined;
  let started = false;
  for await (const part of parts) {
    if (!started) {
      started = true;
      onAnswerStarted?.();
    }
    switch (part.type) {
      case "response-metadata":
        response = part.response;
        rateLimit = part.rateLimit;
        break;
      case "text-delta":
        text.push(part.delta);
        onDelta?.({ kind: "text", delta: part.delta });
        break;
      case "reasoning-delta":
        reasoning.push(part.delta);
        onDelta?.({ kind: "reasoning", delta: part.delta });
        break;
      case "tool-call":
        toolCalls.push(part.toolCall);
        break;
      case "finish":
        return {
          text: text.join(""),
          toolCalls,
          reasoning: reasoning.length > 0 ? reasoning.join("") : undefined,
          finishReason: part.finishReason,
          usage: part.usage,
          timing: part.timing,
          response,
          rateLimit,
          ...(part.providerMetadata === undefined ? {} : { providerMetadata: part.providerMetadata }),
        };
      default:
        break;
    }
  }
  throw new ProviderError({
    kind: "transient",
    message: "the stream ended before its finish part",
    provider,
  });
}
