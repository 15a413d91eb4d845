import { opErrorValue } from "../value/error-values.js";
import { isValue, Value } from "../value/value.js";
import { ValueKind } from "../value/value-kind.js";
import { resolveErrors } from "./resolve-errors.js";
import { tracedOp } from "./traced-op.js";

type Bag = Record<string, unknown>;

function field(source: unknown, ...names: string[]): unknown {
  if (typeof source !== "object" || source === null) return undefined;
  for (const name of names) {
    const value = (source as Bag)[name];
    if (value !== undefined) return value;
  }
  return undefined;
}

function responseText(response: unknown): unknown {
  const content = field(response, "content");
  if (typeof content === "string") return content;
  const text = field(response, "text");
  if (typeof text === "string") return text;
  const choices = field(response, "choices");
  const first = Array.isArray(choices) ? choices[0] : undefined;
  return field(field(first, "message"), "content");
}

function extractTextNow(response: unknown): Value<string> {
  const error = resolveErrors([response]);
  if (error) return error;
  const text = responseText(isValue(response) ? response.payload : response);
  if (typeof text !== "string")
    return opErrorValue("extractText", "missing_response_text", "Missing response text", [response]);
  return new Value(ValueKind.TEXT, text);
}

/**
 * The text of a provider response (a RESPONSE Value or a raw object): `content`, else weft's
 * `GenerateResponse.text`, else OpenAI's `choices[0].message.content`. No string there: ERROR Value.
 */
export function extractText(response: unknown): Value<string> {
  return tracedOp("extractText", ValueKind.TEXT, [response], extractTextNow);
}

/** Metadata `extractMeta` collects; absent fields are left out (unknown is never reported as 0). */
export interface ResponseMeta {
  readonly inputTokens?: number;
  readonly outputTokens?: number;
  readonly totalTokens?: number;
  readonly finishReason?: string;
  readonly model?: string;
  readonly reasoning?: string;
  readonly toolCalls?: unknown;
  readonly timeToFirstTokenMs?: number;
  readonly completionTimeMs?: number;
  readonly queueTimeMs?: number;
}

function collectMeta(response: unknown): Bag {
  const usage = field(response, "usage");
  const finish = field(response, "finishReason", "finish_reason");
  const timing = field(response, "timing");
  const candidates: Bag = {
    inputTokens:
      field(response, "inputTokens", "input_tokens") ?? field(usage, "inputTokens", "prompt_tokens"),
    outputTokens:
      field(response, "outputTokens", "output_tokens") ?? field(usage, "outputTokens", "completion_tokens"),
    totalTokens: field(usage, "totalTokens", "total_tokens"),
    finishReason: typeof finish === "object" && finish !== null ? field(finish, "unified") : finish,
    model: field(response, "model") ?? field(field(response, "response"), "modelId"),
    reasoning: field(response, "reasoning"),
    toolCalls: field(response, "toolCalls", "tool_calls"),
    timeToFirstTokenMs:
      field(response, "timeToFirstTokenMs", "time_to_first_token_ms") ?? field(timing, "timeToFirstTokenMs"),
    completionTimeMs: field(response, "completionTimeMs", "completion_time_ms") ?? field(timing, "totalMs"),
    queueTimeMs: field(response, "queueTimeMs", "queue_time_ms"),
  };
  const found: Bag = {};
  for (const [key, value] of Object.entries(candidates)) {
    if (
      value !== undefined &&
      value !== null &&
      !(key === "toolCalls" && Array.isArray(value) && value.length === 0)
    ) {
      found[key] = value;
    }
  }
  return found;
}

function extractMetaNow(response: unknown): Value<ResponseMeta> {
  const error = resolveErrors([response]);
  if (error) return error;
  const meta = collectMeta(isValue(response) ? response.payload : response);
  if (Object.keys(meta).length === 0)
    return opErrorValue("extractMeta", "no_metadata", "No response metadata found", [response]);
  return new Value(ValueKind.STRUCTURED, meta as ResponseMeta);
}

/**
 * Usage, finish reason, model, reasoning, tool calls and timings of a response, as a STRUCTURED Value with
 * camelCase keys ({@link ResponseMeta}). Reads snake_case fields, an OpenAI `usage` block
 * (`prompt_tokens` → `inputTokens`, ...) and weft's `GenerateResponse`. Nothing found: ERROR Value.
 */
export function extractMeta(response: unknown): Value<ResponseMeta> {
  return tracedOp("extractMeta", ValueKind.STRUCTURED, [response], extractMetaNow);
}
