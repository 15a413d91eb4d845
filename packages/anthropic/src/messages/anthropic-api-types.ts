import type { AnthropicUsage } from "./convert-usage.js";

/**
 * The fields of Messages API responses and stream events this package reads, all optional so that
 * a missing field never crashes the reader (tolerant of API drift).
 */
export interface WireContentBlock {
  readonly type?: string;
  readonly text?: string;
  readonly thinking?: string;
  readonly id?: string;
  readonly name?: string;
  readonly input?: unknown;
}

/** A whole message (non-streamed), or the `message` of a `message_start` event. */
export interface WireMessage {
  readonly id?: string | null;
  readonly model?: string | null;
  readonly content?: readonly WireContentBlock[] | null;
  readonly stop_reason?: string | null;
  readonly stop_sequence?: string | null;
  readonly usage?: AnthropicUsage | null;
}

/** One server-sent event of a streamed message. */
export interface WireStreamEvent {
  readonly type?: string;
  readonly message?: WireMessage;
  readonly index?: number;
  readonly content_block?: WireContentBlock;
  readonly delta?: {
    readonly type?: string;
    readonly text?: string;
    readonly thinking?: string;
    readonly partial_json?: string;
    readonly stop_reason?: string | null;
    readonly stop_sequence?: string | null;
  };
  readonly usage?: AnthropicUsage | null;
  readonly error?: { readonly type?: string; readonly message?: string };
}
