import type { MockProtocol } from "../protocol.js";
import { isRecord } from "../validation.js";

/** One message of a {@link ChatRequestView}: its role and its text (text parts and blocks joined). */
export interface ChatMessageView {
  readonly role: string;
  readonly content: string;
}

/**
 * A validated chat request as the `respond` hook of the mock server sees it, the same for both protocols:
 * the system text (OpenAI `system` and `developer` messages, Anthropic `system`) and the other messages as
 * plain text, in order.
 */
export interface ChatRequestView {
  readonly protocol: MockProtocol;
  readonly model: string;
  /** The system instructions, `""` when none. */
  readonly system: string;
  /** The conversation without the system instructions, oldest first. */
  readonly messages: readonly ChatMessageView[];
  /** The text of the last user message, `""` when none. */
  readonly lastUser: string;
  /** The request body as sent (read only). */
  readonly body: Readonly<Record<string, unknown>>;
}

/** The text of message content: a string, or the text of its text parts / blocks joined. */
function textOf(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content
    .map((part) => (isRecord(part) && part.type === "text" && typeof part.text === "string" ? part.text : ""))
    .join("");
}

const SYSTEM_ROLES = new Set(["system", "developer"]);

/** Builds the protocol-neutral view of a request body the protocol has already validated. @internal */
export function chatRequestView(protocol: MockProtocol, body: Record<string, unknown>): ChatRequestView {
  const raw = (Array.isArray(body.messages) ? body.messages : []).filter(isRecord);
  const system: string[] = protocol === "anthropic" && body.system !== undefined ? [textOf(body.system)] : [];
  const messages: ChatMessageView[] = [];
  for (const message of raw) {
    const role = String(message.role);
    if (SYSTEM_ROLES.has(role)) system.push(textOf(message.content));
    else messages.push({ role, content: textOf(message.content) });
  }
  const lastUser = [...messages].reverse().find((message) => message.role === "user")?.content ?? "";
  return {
    protocol,
    model: String(body.model ?? ""),
    system: system.filter((text) => text !== "").join("\n"),
    messages,
    lastUser,
    body,
  };
}
