import type { FinishReason, RateLimitInfo, ResponseInfo, Timing, Usage } from "./response.js";
import type { ToolCall } from "./tools.js";

/** First part of every stream: who answered, and the rate-limit headers. */
export interface ResponseMetadataPart {
  readonly type: "response-metadata";
  readonly response: ResponseInfo;
  readonly rateLimit: RateLimitInfo | undefined;
}

/** A piece of the answer text. */
export interface TextDeltaPart {
  readonly type: "text-delta";
  readonly delta: string;
}

/** A piece of reasoning text. */
export interface ReasoningDeltaPart {
  readonly type: "reasoning-delta";
  readonly delta: string;
}

/** A tool call begins. */
export interface ToolCallStartPart {
  readonly type: "tool-call-start";
  readonly toolCallId: string;
  readonly toolName: string;
}

/** A fragment of a tool call's JSON arguments. */
export interface ToolCallDeltaPart {
  readonly type: "tool-call-delta";
  readonly toolCallId: string;
  readonly inputDelta: string;
}

/** A complete tool call, emitted once its arguments are whole. */
export interface ToolCallPart {
  readonly type: "tool-call";
  readonly toolCall: ToolCall;
}

/** Last part of every successful stream. */
export interface FinishPart {
  readonly type: "finish";
  readonly finishReason: FinishReason;
  readonly usage: Usage;
  readonly timing: Timing;
  readonly providerMetadata?: Readonly<Record<string, unknown>>;
}

/**
 * One part of a streamed reply. A stream yields `response-metadata` first and `finish` last.
 * Failures, including errors the server sends inside a 200 stream, are thrown from the iterator
 * as a `ProviderError`, never yielded.
 */
export type StreamPart =
  | ResponseMetadataPart
  | TextDeltaPart
  | ReasoningDeltaPart
  | ToolCallStartPart
  | ToolCallDeltaPart
  | ToolCallPart
  | FinishPart;
