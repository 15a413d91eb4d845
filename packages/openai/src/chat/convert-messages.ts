import type { Message } from "@weft/provider";

/** A chat-completions message as sent on the wire. */
export type OpenAIChatMessage =
  | { readonly role: "system" | "developer"; readonly content: string }
  | { readonly role: "user"; readonly content: string }
  | {
      readonly role: "assistant";
      readonly content: string | null;
      readonly tool_calls?: readonly {
        readonly id: string;
        readonly type: "function";
        readonly function: { readonly name: string; readonly arguments: string };
      }[];
    }
  | { readonly role: "tool"; readonly tool_call_id: string; readonly content: string };

/** Options of {@link convertToOpenAIMessages}. */
export interface ConvertMessagesOptions {
  /** Role for system messages: reasoning models (o-series, gpt-5) take `"developer"`. Default: `"system"`. */
  readonly systemRole?: "system" | "developer";
}

/**
 * Converts weft's normalized messages into chat-completions messages. Assistant turns keep their tool
 * calls (content becomes `null` when empty, as the API expects next to tool calls); tool results
 * become `tool` messages. OpenAI has no error flag on tool results: the content carries the failure.
 */
export function convertToOpenAIMessages(
  messages: readonly Message[],
  options: ConvertMessagesOptions = {},
): OpenAIChatMessage[] {
  const systemRole = options.systemRole ?? "system";
  return messages.map((message): OpenAIChatMessage => {
    if (message.role === "system") return { role: systemRole, content: message.content };
    if (message.role === "user") return { role: "user", content: message.content };
    if (message.role === "tool")
      return { role: "tool", tool_call_id: message.toolCallId, content: message.content };
    const calls = message.toolCalls ?? [];
    if (calls.length === 0) return { role: "assistant", content: message.content };
    return {
      role: "assistant",
      content: message.content === "" ? null : message.content,
      tool_calls: calls.map((call) => ({
        id: call.toolCallId,
        type: "function",
        function: { name: call.toolName, arguments: call.input },
      })),
    };
  });
}
