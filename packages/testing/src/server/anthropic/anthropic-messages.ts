import { hashString } from "../../random/seeded-random.js";
import { countTokens, MESSAGE_OVERHEAD_TOKENS } from "../../tokens/approximate-tokens.js";
import type { PromptSegment } from "../reply/chat-request.js";
import { isRecord, reject } from "../validation.js";

const ROLES = ["user", "assistant", "system"];
const BLOCK_TYPES = new Set([
  "text",
  "image",
  "document",
  "search_result",
  "tool_use",
  "tool_result",
  "thinking",
  "redacted_thinking",
  "server_tool_use",
  "web_search_tool_result",
  "web_fetch_tool_result",
  "container_upload",
]);

/** What the messages contribute to the neutral request. */
export interface AnthropicConversation {
  readonly text: string;
  readonly segments: readonly PromptSegment[];
  readonly lastIsToolResult: boolean;
}

function blockText(block: Record<string, unknown>): string {
  if (block.type === "text") return String(block.text);
  if (block.type === "tool_use") return `${String(block.name)} ${JSON.stringify(block.input)}`;
  if (block.type === "tool_result") {
    const content = block.content;
    if (typeof content === "string") return content;
    return Array.isArray(content)
      ? content.map((part) => (isRecord(part) && typeof part.text === "string" ? part.text : "")).join("")
      : "";
  }
  if (block.type === "thinking") return String(block.thinking ?? "");
  return "";
}

function checkBlock(block: unknown, path: string): Record<string, unknown> {
  if (!isRecord(block) || typeof block.type !== "string") reject(`${path}.type: Field required`);
  if (!BLOCK_TYPES.has(block.type))
    reject(`${path}: Input tag '${block.type}' found using 'type' does not match any of the expected tags`);
  if (block.type === "text") {
    if (typeof block.text !== "string") reject(`${path}.text.text: Field required`);
    if (block.text === "") reject("messages: text content blocks must be non-empty");
  }
  if (block.type === "tool_use") {
    if (typeof block.id !== "string") reject(`${path}.tool_use.id: Field required`);
    if (typeof block.name !== "string") reject(`${path}.tool_use.name: Field required`);
    if (!isRecord(block.input)) reject(`${path}.tool_use.input: Input should be a valid dictionary`);
  }
  if (block.type === "tool_result" && typeof block.tool_use_id !== "string")
    reject(`${path}.tool_result.tool_use_id: Field required`);
  return block;
}

/**
 * Validates messages as Anthropic does: roles, non-empty content (except a final assistant turn), block
 * shapes, and `tool_use` / `tool_result` pairing between consecutive turns; reads the prompt segments
 * (with `cache_control` breakpoints) the prompt cache needs.
 */
export function readAnthropicMessages(messages: readonly unknown[]): AnthropicConversation {
  if (messages.length === 0) reject("messages: at least one message is required");
  let text = "";
  const segments: PromptSegment[] = [];
  let openToolUses: { ids: string[]; index: number } | undefined;
  messages.forEach((message, index) => {
    const path = `messages.${index}`;
    if (!isRecord(message)) reject(`${path}: Input should be a valid dictionary`);
    if (typeof message.role !== "string" || !ROLES.includes(message.role))
      reject(`${path}.role: Input should be 'user', 'assistant' or 'system'`);
    const isFinalAssistant = index === messages.length - 1 && message.role === "assistant";
    const content = message.content;
    if (typeof content !== "string" && !Array.isArray(content))
      reject(`${path}.content: Input should be a valid string or a valid list`);
    if ((content === "" || (Array.isArray(content) && content.length === 0)) && !isFinalAssistant) {
      reject(
        `${path}: all messages must have non-empty content except for the optional final assistant message`,
      );
    }
    const blocks =
      typeof content === "string"
        ? [{ type: "text", text: content }]
        : content.map((b, j) => checkBlock(b, `${path}.content.${j}`));
    const results = blocks.filter((b) => b.type === "tool_result").map((b) => b.tool_use_id as string);
    const unexpected = results.find((id) => !openToolUses?.ids.includes(id));
    if (unexpected !== undefined) {
      reject(
        `${path}.content.${blocks.findIndex((b) => b.tool_use_id === unexpected)}: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${unexpected}. Each \`tool_result\` block must have a corresponding \`tool_use\` block in the previous message.`,
      );
    }
    const missing = openToolUses?.ids.filter((id) => !results.includes(id)) ?? [];
    if (openToolUses && missing.length > 0) {
      reject(
        `messages.${openToolUses.index}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${missing.join(", ")}. Each \`tool_use\` block must have a corresponding \`tool_result\` block in the next message.`,
      );
    }
    const uses =
      message.role === "assistant"
        ? blocks.filter((b) => b.type === "tool_use").map((b) => b.id as string)
        : [];
    openToolUses = uses.length > 0 ? { ids: uses, index } : undefined;
    blocks.forEach((block, j) => {
      const blockContent = blockText(block);
      text += `${blockContent}\n`;
      segments.push({
        key: String(hashString(`${index}:${j}:${JSON.stringify(block)}`)),
        tokens: countTokens(blockContent) + (j === 0 ? MESSAGE_OVERHEAD_TOKENS : 0),
        breakpoint: isRecord(block.cache_control),
      });
    });
  });
  if (openToolUses) {
    reject(
      `messages.${openToolUses.index}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${openToolUses.ids.join(", ")}. Each \`tool_use\` block must have a corresponding \`tool_result\` block in the next message.`,
    );
  }
  const last = messages.at(-1) as Record<string, unknown>;
  const lastIsToolResult =
    Array.isArray(last.content) && last.content.some((b) => isRecord(b) && b.type === "tool_result");
  return { text, segments, lastIsToolResult };
}
