import { hashString, SeededRandom } from "../../random/seeded-random.js";
import { generateValue } from "../../schema/generate-value.js";
import { countTokens } from "../../tokens/approximate-tokens.js";
import type { ChatRequest, ChatTool } from "./chat-request.js";
import { findSchemaInText } from "./find-schema-in-text.js";
import { generateText } from "./text-generator.js";

/** A tool call the mock model makes; `arguments` is JSON text. */
export interface PlannedToolCall {
  /** Protocol-neutral id suffix; protocols add their prefix (`call_`, `toolu_`). */
  readonly id: string;
  readonly name: string;
  readonly arguments: string;
}

/** Why the planned reply ends. */
export type PlannedFinish = "stop" | "length" | "tool_calls";

/** The reply the mock model gives, before a protocol renders it. */
export interface PlannedReply {
  readonly id: string;
  readonly text: string;
  readonly reasoning: string | undefined;
  readonly toolCalls: readonly PlannedToolCall[];
  readonly finish: PlannedFinish;
  readonly outputTokens: number;
  readonly reasoningTokens: number;
}

/** Options of {@link planReply}. */
export interface PlanOptions {
  /** Mixed into every hash. */
  readonly seed: number;
  /** Tool calls made at once when several tools are offered and parallel calls are allowed. */
  readonly parallelToolCalls: number;
  /** The reply text chosen by the server's `respond` hook: replaces tool calls, schema values and filler. */
  readonly text?: string | undefined;
}

function toolsToCall(request: ChatRequest, random: SeededRandom, parallel: number): ChatTool[] {
  const choice = request.toolChoice;
  if (typeof choice === "object")
    return request.tools.filter((tool) => tool.name === choice.name).slice(0, 1);
  const count = request.parallelToolCalls ? Math.min(parallel, request.tools.length) : 1;
  const start = random.int(0, request.tools.length - 1);
  return Array.from(
    { length: count },
    (_, i) => request.tools[(start + i) % request.tools.length] as ChatTool,
  );
}

function truncateToTokens(text: string, maxTokens: number): string {
  let low = 0;
  let high = text.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (countTokens(text.slice(0, mid)) <= maxTokens) low = mid;
    else high = mid - 1;
  }
  return text.slice(0, low);
}

/**
 * Decides the mock model's reply from the request and the seed alone: tool calls whose arguments match
 * the tool's schema when tools are offered (and the last message is not a tool result), a JSON value
 * matching the requested schema, or filler text (or `options.text`, given by the `respond` hook). Output beyond `maxTokens` is cut, finishing `length`.
 */
export function planReply(request: ChatRequest, options: PlanOptions): PlannedReply {
  const random = new SeededRandom(hashString(request.identity, options.seed));
  const id = random.hex(24);
  const thought = request.reasoning === "none" ? undefined : `Thinking it over: ${generateText(random)}`;
  const reasoningTokens = thought === undefined ? 0 : countTokens(thought);
  const reasoning = request.reasoning === "visible" ? thought : undefined;
  const wantsTools =
    options.text === undefined &&
    request.tools.length > 0 &&
    request.toolChoice !== "none" &&
    !request.lastIsToolResult;
  if (wantsTools) {
    const toolCalls = toolsToCall(request, random, options.parallelToolCalls).map((tool) => ({
      id: random.hex(24),
      name: tool.name,
      arguments: JSON.stringify(generateValue(tool.schema, random)),
    }));
    const outputTokens = toolCalls.reduce(
      (sum, call) => sum + countTokens(call.name) + countTokens(call.arguments),
      0,
    );
    return {
      id,
      text: "",
      reasoning,
      toolCalls,
      finish: "tool_calls",
      outputTokens: outputTokens + reasoningTokens,
      reasoningTokens,
    };
  }
  const schema =
    request.responseSchema ?? (request.jsonMode ? findSchemaInText(request.promptText) : undefined);
  let text: string;
  if (options.text !== undefined) text = options.text;
  else if (schema) text = JSON.stringify(generateValue(schema, random));
  else if (request.jsonMode) text = JSON.stringify({ answer: generateText(random) });
  else text = generateText(random);
  let finish: PlannedFinish = "stop";
  const budget = request.maxTokens === undefined ? undefined : request.maxTokens - reasoningTokens;
  if (budget !== undefined && countTokens(text) > budget) {
    text = truncateToTokens(text, Math.max(0, budget));
    finish = "length";
  }
  return {
    id,
    text,
    reasoning,
    toolCalls: [],
    finish,
    outputTokens: countTokens(text) + reasoningTokens,
    reasoningTokens,
  };
}
