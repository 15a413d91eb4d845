import type { IncomingHttpHeaders } from "node:http";
import type { JSONSchema } from "@weft/provider";
import { hashString } from "../../random/seeded-random.js";
import { countTokens } from "../../tokens/approximate-tokens.js";
import type { ChatRequest, ChatTool, ChatToolChoice, PromptSegment } from "../reply/chat-request.js";
import { isRecord, reject } from "../validation.js";
import { checkAnthropicFields } from "./anthropic-fields.js";
import { readAnthropicMessages } from "./anthropic-messages.js";

const TOOL_NAME = /^[a-zA-Z0-9_-]{1,128}$/;
const MAX_BREAKPOINTS = 4;

function readTools(body: Record<string, unknown>): { tools: ChatTool[]; segments: PromptSegment[] } {
  const tools: ChatTool[] = [];
  const segments: PromptSegment[] = [];
  ((body.tools ?? []) as unknown[]).forEach((tool, index) => {
    const at = `tools.${index}`;
    if (!isRecord(tool)) reject(`${at}: Input should be a valid dictionary`);
    segments.push({
      key: String(hashString(JSON.stringify(tool))),
      tokens: countTokens(JSON.stringify(tool)),
      breakpoint: isRecord(tool.cache_control),
    });
    if (tool.type !== undefined && tool.type !== "custom") return; // a server tool: the mock never calls it
    if (typeof tool.name !== "string") reject(`${at}.custom.name: Field required`);
    if (!TOOL_NAME.test(tool.name))
      reject(`${at}.custom.name: String should match pattern '^[a-zA-Z0-9_-]{1,128}$'`);
    if (!isRecord(tool.input_schema)) reject(`${at}.custom.input_schema: Field required`);
    if (tool.input_schema.type !== "object")
      reject(`${at}.custom.input_schema.type: Input should be 'object'`);
    if (tools.some((other) => other.name === tool.name)) reject("tools: Tool names must be unique.");
    tools.push({ name: tool.name, schema: tool.input_schema as JSONSchema });
  });
  return { tools, segments };
}

function readToolChoice(
  body: Record<string, unknown>,
  tools: readonly ChatTool[],
): { choice: ChatToolChoice; parallel: boolean } {
  const choice = body.tool_choice;
  if (choice === undefined || choice === null) return { choice: "auto", parallel: true };
  if (!isRecord(choice)) return reject("tool_choice: Input should be a valid dictionary");
  const parallel = choice.disable_parallel_tool_use !== true;
  switch (choice.type) {
    case "auto":
      return { choice: "auto", parallel };
    case "none":
      return { choice: "none", parallel };
    case "any":
      return { choice: "required", parallel };
    case "tool": {
      if (typeof choice.name !== "string") reject("tool_choice.tool.name: Field required");
      if (!tools.some((tool) => tool.name === choice.name))
        reject(`tool_choice: tool \`${choice.name}\` is not among the provided tools`);
      return { choice: { name: choice.name }, parallel };
    }
    default:
      return reject(
        `tool_choice: Input tag '${String(choice.type)}' found using 'type' does not match any of the expected tags: 'auto', 'any', 'tool', 'none'`,
      );
  }
}

function readThinking(body: Record<string, unknown>, choice: ChatToolChoice): boolean {
  const thinking = body.thinking;
  if (!isRecord(thinking) || thinking.type === "disabled") return false;
  if (thinking.type === "enabled") {
    const budget = thinking.budget_tokens;
    if (!Number.isInteger(budget)) reject("thinking.enabled.budget_tokens: Field required");
    if ((budget as number) < 1024)
      reject("thinking.enabled.budget_tokens: Input should be greater than or equal to 1024");
    if ((budget as number) >= (body.max_tokens as number))
      reject("`max_tokens` must be greater than `thinking.budget_tokens`.");
  } else if (thinking.type !== "adaptive") {
    reject(
      `thinking: Input tag '${String(thinking.type)}' found using 'type' does not match any of the expected tags: 'enabled', 'disabled', 'adaptive'`,
    );
  }
  if (choice === "required" || typeof choice === "object")
    reject("Thinking may not be enabled when tool_choice forces tool use.");
  return true;
}

function readOutputSchema(body: Record<string, unknown>): JSONSchema | undefined {
  const config = body.output_config;
  if (!isRecord(config) || config.format === undefined || config.format === null) return undefined;
  const format = config.format;
  if (!isRecord(format) || format.type !== "json_schema")
    reject("output_config.format.type: Input should be 'json_schema'");
  if (!isRecord(format.schema)) reject("output_config.format.schema: Field required");
  return format.schema as JSONSchema;
}

function systemSegments(system: unknown): { text: string; segments: PromptSegment[] } {
  if (system === undefined || system === null) return { text: "", segments: [] };
  const blocks = typeof system === "string" ? [{ type: "text", text: system }] : (system as unknown[]);
  const segments = blocks.map((block, index) => {
    if (!isRecord(block) || block.type !== "text" || typeof block.text !== "string")
      reject(`system.${index}.text: Field required`);
    return {
      key: String(hashString(`system:${block.text}`)),
      tokens: countTokens(block.text),
      breakpoint: isRecord(block.cache_control),
    };
  });
  return { text: blocks.map((b) => String((b as { text?: unknown }).text ?? "")).join("\n"), segments };
}

/** Validates an Anthropic messages request (headers and body) and reads it into a {@link ChatRequest}. */
export function parseAnthropicRequest(
  body: Record<string, unknown>,
  headers: IncomingHttpHeaders,
  options: { readonly requireApiKey: boolean; readonly extensions: ReadonlySet<string> },
): ChatRequest {
  const hasKey =
    typeof headers["x-api-key"] === "string" || /^Bearer\s+\S/i.test(headers.authorization ?? "");
  if (options.requireApiKey && !hasKey)
    reject("x-api-key header is required", { status: 401, type: "authentication_error" });
  if (typeof headers["anthropic-version"] !== "string") reject("anthropic-version: header is required");
  checkAnthropicFields(body, options.extensions);
  const conversation = readAnthropicMessages(body.messages as unknown[]);
  const { tools, segments: toolSegments } = readTools(body);
  const { choice, parallel } = readToolChoice(body, tools);
  const reasoning = readThinking(body, choice);
  const schema = readOutputSchema(body);
  const system = systemSegments(body.system);
  const segments = [...toolSegments, ...system.segments, ...conversation.segments];
  if (isRecord(body.cache_control) && segments.length > 0) {
    const last = segments.at(-1) as PromptSegment;
    segments[segments.length - 1] = { ...last, breakpoint: true };
  }
  const breakpoints = segments.filter((segment) => segment.breakpoint).length;
  if (breakpoints > MAX_BREAKPOINTS)
    reject(
      `A maximum of ${MAX_BREAKPOINTS} blocks with cache_control may be provided. Found ${breakpoints}.`,
    );
  const { stream: _stream, ...identity } = body;
  return {
    model: body.model as string,
    stream: body.stream === true,
    streamUsage: true,
    maxTokens: body.max_tokens as number,
    tools,
    toolChoice: choice,
    parallelToolCalls: parallel,
    lastIsToolResult: conversation.lastIsToolResult,
    responseSchema: schema,
    jsonMode: false,
    reasoning: reasoning ? "visible" : "none",
    promptText: `${system.text}\n${conversation.text}`,
    segments,
    inputTokens:
      segments.reduce((sum, segment) => sum + segment.tokens, 0) +
      (schema ? countTokens(JSON.stringify(schema)) : 0),
    identity: JSON.stringify(identity),
  };
}
