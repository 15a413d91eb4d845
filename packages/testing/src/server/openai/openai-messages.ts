import { hashString } from "../../random/seeded-random.js";
import { countTokens, MESSAGE_OVERHEAD_TOKENS } from "../../tokens/approximate-tokens.js";
import type { PromptSegment } from "../reply/chat-request.js";
import { isRecord, reject } from "../validation.js";

const ROLES = ["system", "developer", "user", "assistant", "tool", "function"];

/** What the messages contribute to the neutral request. */
export interface OpenAIConversation {
  readonly text: string;
  readonly segments: readonly PromptSegment[];
  readonly lastIsToolResult: boolean;
}

function contentText(content: unknown, path: string): string {
  if (typeof content === "string" || content === null || content === undefined) return content ?? "";
  if (!Array.isArray(content)) {
    reject(
      `Invalid type for '${path}': expected one of a string or array of objects, but got an object instead.`,
      {
        param: path,
        code: "invalid_type",
      },
    );
  }
  return content
    .map((part, index) => {
      if (!isRecord(part) || typeof part.type !== "string") {
        reject(`Missing required parameter: '${path}[${index}].type'.`, {
          param: `${path}[${index}].type`,
          code: "missing_required_parameter",
        });
      }
      if (part.type === "text" || part.type === "refusal") {
        const text = part.type === "text" ? part.text : part.refusal;
        if (typeof text !== "string") {
          reject(`Missing required parameter: '${path}[${index}].${part.type}'.`, {
            param: `${path}[${index}].${part.type}`,
            code: "missing_required_parameter",
          });
        }
        return text;
      }
      return "";
    })
    .join("");
}

function toolCallIds(message: Record<string, unknown>, path: string): string[] {
  if (message.tool_calls === undefined || message.tool_calls === null) return [];
  if (!Array.isArray(message.tool_calls))
    reject(`Invalid type for '${path}.tool_calls': expected an array.`, {
      param: `${path}.tool_calls`,
      code: "invalid_type",
    });
  return message.tool_calls.map((call, index) => {
    const at = `${path}.tool_calls[${index}]`;
    if (!isRecord(call) || typeof call.id !== "string")
      reject(`Missing required parameter: '${at}.id'.`, {
        param: `${at}.id`,
        code: "missing_required_parameter",
      });
    if (call.type !== "function")
      reject(`Missing required parameter: '${at}.type'.`, {
        param: `${at}.type`,
        code: "missing_required_parameter",
      });
    const fn = call.function;
    if (!isRecord(fn) || typeof fn.name !== "string")
      reject(`Missing required parameter: '${at}.function.name'.`, {
        param: `${at}.function.name`,
        code: "missing_required_parameter",
      });
    if (typeof fn.arguments !== "string")
      reject(`Missing required parameter: '${at}.function.arguments'.`, {
        param: `${at}.function.arguments`,
        code: "missing_required_parameter",
      });
    return call.id;
  });
}

/**
 * Validates chat messages as OpenAI does (roles, required content, tool messages answering the
 * preceding assistant `tool_calls`, every tool call answered) and reads what the reply depends on.
 */
export function readOpenAIMessages(messages: readonly unknown[]): OpenAIConversation {
  if (messages.length === 0) {
    reject(
      "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.",
      {
        param: "messages",
        code: "empty_array",
      },
    );
  }
  let text = "";
  const segments: PromptSegment[] = [];
  let pending: { ids: Set<string>; index: number } | undefined;
  messages.forEach((message, index) => {
    const path = `messages[${index}]`;
    if (!isRecord(message))
      reject(`Invalid type for '${path}': expected an object.`, { param: path, code: "invalid_type" });
    const role = message.role;
    if (typeof role !== "string" || !ROLES.includes(role)) {
      reject(
        `Invalid value: '${String(role)}'. Supported values are: 'system', 'assistant', 'user', 'function', 'tool', and 'developer'.`,
        {
          param: `${path}.role`,
          code: "invalid_value",
        },
      );
    }
    if (pending && role !== "tool") {
      reject(
        `An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. The following tool_call_ids did not have response messages: ${[...pending.ids].join(", ")}`,
        {
          param: `messages.[${pending.index}].role`,
        },
      );
    }
    const ids = role === "assistant" ? toolCallIds(message, path) : [];
    if (role !== "assistant" && (message.content === undefined || message.content === null)) {
      reject(`Missing required parameter: '${path}.content'.`, {
        param: `${path}.content`,
        code: "missing_required_parameter",
      });
    }
    if (role === "tool") {
      const id = message.tool_call_id;
      if (typeof id !== "string")
        reject(`Missing required parameter: '${path}.tool_call_id'.`, {
          param: `${path}.tool_call_id`,
          code: "missing_required_parameter",
        });
      if (!pending?.ids.has(id)) {
        reject(
          "Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls'.",
          {
            param: `messages.[${index}].role`,
          },
        );
      }
      pending.ids.delete(id);
      if (pending.ids.size === 0) pending = undefined;
    }
    if (ids.length > 0) pending = { ids: new Set(ids), index };
    const messageText = contentText(message.content, `${path}.content`);
    text += `${messageText}\n`;
    const json = JSON.stringify(message);
    segments.push({
      key: String(hashString(json)),
      tokens:
        MESSAGE_OVERHEAD_TOKENS +
        countTokens(messageText) +
        (ids.length > 0 ? countTokens(JSON.stringify(message.tool_calls)) : 0),
      breakpoint: false,
    });
  });
  if (pending) {
    reject(
      `An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. The following tool_call_ids did not have response messages: ${[...pending.ids].join(", ")}`,
      {
        param: `messages.[${pending.index}].role`,
      },
    );
  }
  const last = messages.at(-1) as Record<string, unknown>;
  return { text, segments, lastIsToolResult: last.role === "tool" || last.role === "function" };
}
