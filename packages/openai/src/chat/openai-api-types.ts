import type { OpenAIUsage } from "./convert-usage.js";

/**
 * The fields of chat-completions responses this package reads, all optional: servers that speak the
 * protocol (vLLM, Ollama, TGI, OpenRouter) differ in what they send, and a missing field must not crash.
 */
export interface WireToolCall {
  readonly index?: number;
  readonly id?: string | null;
  readonly type?: string | null;
  readonly function?: { readonly name?: string | null; readonly arguments?: string | null } | null;
}

/** The assistant message of a non-streamed completion, or the delta of a streamed chunk. */
export interface WireMessage {
  readonly content?: string | null;
  readonly refusal?: string | null;
  /** DeepSeek, vLLM and others send reasoning text here. */
  readonly reasoning_content?: string | null;
  /** OpenRouter's name for the same. */
  readonly reasoning?: string | null;
  readonly tool_calls?: readonly WireToolCall[] | null;
}

/** One choice of a completion or chunk. */
export interface WireChoice {
  readonly message?: WireMessage | null;
  readonly delta?: WireMessage | null;
  readonly finish_reason?: string | null;
}

/** A chat completion, or one chunk of a streamed one. */
export interface WireCompletion {
  readonly id?: string | null;
  readonly model?: string | null;
  readonly choices?: readonly WireChoice[] | null;
  readonly usage?: OpenAIUsage | null;
  readonly system_fingerprint?: string | null;
}

/** Reasoning text of a message or delta, whichever field the server used. */
export function reasoningOf(message: WireMessage | null | undefined): string | undefined {
  const text = message?.reasoning_content ?? message?.reasoning;
  return typeof text === "string" && text !== "" ? text : undefined;
}
