import { type Message, ProviderError } from "@weft/provider";

/** A content block of a request message. */
export type AnthropicContentBlock =
  | { readonly type: "text"; readonly text: string }
  | { readonly type: "tool_use"; readonly id: string; readonly name: string; readonly input: unknown }
  | {
      readonly type: "tool_result";
      readonly tool_use_id: string;
      readonly content: string;
      readonly is_error?: boolean;
    };

/** A request message: Anthropic has only user and assistant turns. */
export interface AnthropicMessage {
  readonly role: "user" | "assistant";
  readonly content: AnthropicContentBlock[];
}

/** The converted conversation: system text lifted out, the rest as alternating turns. */
export interface AnthropicPrompt {
  readonly system: string | undefined;
  readonly messages: AnthropicMessage[];
}

function toolInput(input: string, provider: string): unknown {
  try {
    const value: unknown = JSON.parse(input === "" ? "{}" : input);
    if (typeof value === "object" && value !== null && !Array.isArray(value)) return value;
  } catch {
    // reported below
  }
  throw new ProviderError({
    kind: "invalid_request",
    provider,
    message: `${provider}: a tool call's input must be a JSON object to send it back to Anthropic`,
  });
}

/**
 * Converts weft messages: system messages are joined (blank line between) into the top-level `system`
 * field; tool results become `tool_result` blocks of a user turn; consecutive turns of the same role
 * are merged, since the API expects user and assistant to alternate.
 */
export function convertToAnthropicMessages(
  messages: readonly Message[],
  provider = "anthropic.messages",
): AnthropicPrompt {
  const system: string[] = [];
  const out: { role: "user" | "assistant"; content: AnthropicContentBlock[] }[] = [];
  const push = (role: "user" | "assistant", blocks: AnthropicContentBlock[]) => {
    if (blocks.length === 0) return;
    const last = out.at(-1);
    if (last?.role === role) last.content.push(...blocks);
    else out.push({ role, content: blocks });
  };
  for (const message of messages) {
    if (message.role === "system") system.push(message.content);
    else if (message.role === "user")
      push("user", message.content === "" ? [] : [{ type: "text", text: message.content }]);
    else if (message.role === "tool") {
      push("user", [
        {
          type: "tool_result",
          tool_use_id: message.toolCallId,
          content: message.content,
          ...(message.isError ? { is_error: true } : {}),
        },
      ]);
    } else {
      const blocks: AnthropicContentBlock[] =
        message.content === "" ? [] : [{ type: "text", text: message.content }];
      for (const call of message.toolCalls ?? []) {
        blocks.push({
          type: "tool_use",
          id: call.toolCallId,
          name: call.toolName,
          input: toolInput(call.input, provider),
        });
      }
      push("assistant", blocks);
    }
  }
  return { system: system.length === 0 ? undefined : system.join("\n\n"), messages: out };
}
