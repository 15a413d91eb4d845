import type { ToolCall } from "./tools.js";

/** A system instruction. Providers that take a separate system field (Anthropic) lift it out. */
export interface SystemMessage {
  readonly role: "system";
  readonly content: string;
}

/** A user turn. */
export interface UserMessage {
  readonly role: "user";
  readonly content: string;
}

/** A model turn, possibly with the tool calls it made. */
export interface AssistantMessage {
  readonly role: "assistant";
  readonly content: string;
  readonly toolCalls?: readonly ToolCall[];
}

/** The result of one tool call, answering the assistant turn that made it. */
export interface ToolMessage {
  readonly role: "tool";
  readonly toolCallId: string;
  readonly toolName: string;
  /** The tool's result as text (JSON for structured results). */
  readonly content: string;
  /** True when the tool failed and `content` describes the failure. Default: false. */
  readonly isError?: boolean;
}

/** One message of a conversation, in the normalized form every provider accepts. */
export type Message = SystemMessage | UserMessage | AssistantMessage | ToolMessage;
