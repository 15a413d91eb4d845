import type { ToolCall } from "./tools.js";

/**
 * Token counts. Every field is `undefined` when the provider did not report it; never a made-up 0.
 * `inputTokens` includes cached tokens; `outputTokens` includes reasoning tokens.
 */
export interface Usage {
  readonly inputTokens: number | undefined;
  readonly outputTokens: number | undefined;
  /** Input tokens served from the provider's prompt cache (billed at the cached rate). */
  readonly cachedInputTokens?: number | undefined;
  /** Input tokens written to the prompt cache (Anthropic bills these at a premium). */
  readonly cacheWriteInputTokens?: number | undefined;
  /** Output tokens spent on hidden reasoning. */
  readonly reasoningTokens?: number | undefined;
}

/** Why generation stopped, unified across providers; `raw` keeps the provider's own value. */
export interface FinishReason {
  readonly unified: "stop" | "length" | "tool-calls" | "content-filter" | "error" | "other";
  readonly raw: string | undefined;
}

/** Rate-limit state read from response headers. Absent fields were not sent. */
export interface RateLimitInfo {
  readonly limitRequests?: number;
  readonly remainingRequests?: number;
  /** Milliseconds until the request allowance is fully restored. */
  readonly resetRequestsMs?: number;
  readonly limitTokens?: number;
  readonly remainingTokens?: number;
  /** Milliseconds until the token allowance is fully restored. */
  readonly resetTokensMs?: number;
  readonly retryAfterMs?: number;
}

/** Timing measured by the provider package around the HTTP call. */
export interface Timing {
  /** Milliseconds from sending the request to the first content token (streaming), else undefined. */
  readonly timeToFirstTokenMs: number | undefined;
  /** Milliseconds from sending the request to the end of the response. */
  readonly totalMs: number;
}

/** Identity of the response as the provider reported it. */
export interface ResponseInfo {
  readonly id: string | undefined;
  /** The model that answered (may differ from the requested id, e.g. a dated snapshot). */
  readonly modelId: string | undefined;
  /** Response headers, lower-cased. Never contains credentials (those are request headers). */
  readonly headers?: Readonly<Record<string, string>>;
}

/** The result of {@link LanguageModel.generate}. */
export interface GenerateResponse {
  readonly text: string;
  readonly toolCalls: readonly ToolCall[];
  /** Reasoning text where the server sends it; undefined otherwise. */
  readonly reasoning: string | undefined;
  readonly finishReason: FinishReason;
  readonly usage: Usage;
  readonly timing: Timing;
  readonly response: ResponseInfo;
  readonly rateLimit: RateLimitInfo | undefined;
  /** Anything else the provider returned, under the provider's name. */
  readonly providerMetadata?: Readonly<Record<string, unknown>>;
}
