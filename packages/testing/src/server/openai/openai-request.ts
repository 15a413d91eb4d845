import type { JSONSchema } from "@weft/provider";
import { hashString } from "../../random/seeded-random.js";
import { countTokens } from "../../tokens/approximate-tokens.js";
import type { ChatRequest, ChatTool, ChatToolChoice } from "../reply/chat-request.js";
import { isRecord, reject } from "../validation.js";
import { checkOpenAIFields, checkRange } from "./openai-fields.js";
import { readOpenAIMessages } from "./openai-messages.js";
import { strictSchemaProblem } from "./openai-strict-schema.js";

const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;
/** o-series and gpt-5 models: `max_completion_tokens` only, default temperature only, hidden reasoning. */
const REASONING_MODEL = /^(o\d|gpt-5)/;
/** Open models that send their reasoning as `reasoning_content` (DeepSeek R1 and the like). */
const VISIBLE_REASONING_MODEL = /reason|think|r1\b/i;

function readTools(body: Record<string, unknown>): ChatTool[] {
  const tools = (body.tools ?? []) as unknown[];
  return tools.map((tool, index) => {
    const at = `tools[${index}]`;
    if (!isRecord(tool) || tool.type !== "function")
      reject(`Missing required parameter: '${at}.type'.`, {
        param: `${at}.type`,
        code: "missing_required_parameter",
      });
    const fn = tool.function;
    if (!isRecord(fn) || typeof fn.name !== "string")
      reject(`Missing required parameter: '${at}.function.name'.`, {
        param: `${at}.function.name`,
        code: "missing_required_parameter",
      });
    if (!TOOL_NAME.test(fn.name)) {
      reject(
        `Invalid '${at}.function.name': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$'.`,
        { param: `${at}.function.name`, code: "invalid_value" },
      );
    }
    const schema = (
      isRecord(fn.parameters) ? fn.parameters : { type: "object", properties: {} }
    ) as JSONSchema;
    const problem = fn.strict === true ? strictSchemaProblem(schema) : undefined;
    if (problem)
      reject(`Invalid schema for function '${fn.name}': ${problem}`, {
        param: `${at}.function.parameters`,
        code: "invalid_function_parameters",
      });
    return { name: fn.name, schema };
  });
}

function readToolChoice(body: Record<string, unknown>, tools: readonly ChatTool[]): ChatToolChoice {
  const choice = body.tool_choice;
  if (choice === undefined || choice === null) return "auto";
  if (tools.length === 0)
    reject("Invalid value for 'tool_choice': 'tool_choice' is only allowed when 'tools' are specified.", {
      param: "tool_choice",
    });
  if (choice === "auto" || choice === "none" || choice === "required") return choice;
  if (
    isRecord(choice) &&
    choice.type === "function" &&
    isRecord(choice.function) &&
    typeof choice.function.name === "string"
  ) {
    const name = choice.function.name;
    if (!tools.some((tool) => tool.name === name))
      reject(`Invalid value for 'tool_choice': Tool choice 'function' not found in 'tools' parameter.`, {
        param: "tool_choice",
      });
    return { name };
  }
  return reject(
    `Invalid value: '${JSON.stringify(choice)}'. Supported values are: 'none', 'auto', and 'required'.`,
    { param: "tool_choice", code: "invalid_value" },
  );
}

function readResponseFormat(body: Record<string, unknown>): { schema?: JSONSchema; jsonMode: boolean } {
  if (isRecord(body.guided_json)) return { schema: body.guided_json as JSONSchema, jsonMode: false };
  if (typeof body.guided_json === "string") {
    try {
      return { schema: JSON.parse(body.guided_json) as JSONSchema, jsonMode: false };
    } catch {
      return reject("Invalid 'guided_json': expected a JSON schema object or its JSON text.", {
        param: "guided_json",
        code: "invalid_value",
      });
    }
  }
  if (isRecord(body.format)) return { schema: body.format as JSONSchema, jsonMode: false };
  if (body.format === "json") return { jsonMode: true };
  const format = body.response_format;
  if (format === undefined || format === null) return { jsonMode: false };
  if (!isRecord(format))
    return reject("Invalid type for 'response_format': expected an object.", {
      param: "response_format",
      code: "invalid_type",
    });
  if (format.type === "text") return { jsonMode: false };
  if ((format.type === "json_object" || format.type === "json") && isRecord(format.value))
    return { schema: format.value as JSONSchema, jsonMode: false };
  if (format.type === "json_object") return { jsonMode: true };
  if (format.type !== "json_schema") {
    return reject(
      `Invalid value: '${String(format.type)}'. Supported values are: 'json_object', 'json_schema', and 'text'.`,
      { param: "response_format.type", code: "invalid_value" },
    );
  }
  const spec = format.json_schema;
  if (!isRecord(spec))
    return reject("Missing required parameter: 'response_format.json_schema'.", {
      param: "response_format.json_schema",
      code: "missing_required_parameter",
    });
  if (typeof spec.name !== "string")
    reject("Missing required parameter: 'response_format.json_schema.name'.", {
      param: "response_format.json_schema.name",
      code: "missing_required_parameter",
    });
  const schema = (isRecord(spec.schema) ? spec.schema : {}) as JSONSchema;
  const problem = spec.strict === true ? strictSchemaProblem(schema) : undefined;
  if (problem)
    reject(`Invalid schema for response_format '${spec.name}': ${problem}`, {
      param: "response_format",
      code: "invalid_json_schema",
    });
  return { schema, jsonMode: false };
}

/** Validates an OpenAI chat-completions body like api.openai.com and reads it into a {@link ChatRequest}. */
export function parseOpenAIRequest(
  body: Record<string, unknown>,
  extensions: ReadonlySet<string>,
): ChatRequest {
  checkOpenAIFields(body, extensions);
  const model = body.model as string;
  const reasoningModel = REASONING_MODEL.test(model);
  if (reasoningModel && body.max_tokens !== undefined && body.max_tokens !== null) {
    reject(
      "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
      { param: "max_tokens", code: "unsupported_parameter" },
    );
  }
  if (reasoningModel && typeof body.temperature === "number" && body.temperature !== 1) {
    reject(
      `Unsupported value: 'temperature' does not support ${body.temperature} with this model. Only the default (1) value is supported.`,
      { param: "temperature", code: "unsupported_value" },
    );
  }
  checkRange(body, "temperature", 0, 2);
  checkRange(body, "top_p", 0, 1);
  checkRange(body, "max_tokens", 1, Number.MAX_SAFE_INTEGER);
  checkRange(body, "max_completion_tokens", 1, Number.MAX_SAFE_INTEGER);
  checkRange(body, "n", 1, 128);
  if (body.stream_options !== undefined && body.stream_options !== null && body.stream !== true) {
    reject("The 'stream_options' parameter is only allowed when 'stream' is enabled.", {
      param: "stream_options",
      code: "invalid_value",
    });
  }
  const conversation = readOpenAIMessages(body.messages as unknown[]);
  const tools = readTools(body);
  const toolChoice = readToolChoice(body, tools);
  const format = readResponseFormat(body);
  const toolsTokens = tools.length > 0 ? countTokens(JSON.stringify(body.tools)) : 0;
  const segments =
    tools.length > 0
      ? [
          { key: String(hashString(JSON.stringify(body.tools))), tokens: toolsTokens, breakpoint: false },
          ...conversation.segments,
        ]
      : conversation.segments;
  const schemaTokens = format.schema ? countTokens(JSON.stringify(format.schema)) : 0;
  const { stream: _stream, stream_options: _options, ...identity } = body;
  return {
    model,
    stream: body.stream === true,
    streamUsage: isRecord(body.stream_options) && body.stream_options.include_usage === true,
    maxTokens: (body.max_completion_tokens ?? body.max_tokens ?? undefined) as number | undefined,
    tools,
    toolChoice,
    parallelToolCalls: body.parallel_tool_calls !== false,
    lastIsToolResult: conversation.lastIsToolResult,
    responseSchema: format.schema,
    jsonMode: format.jsonMode,
    reasoning: reasoningModel ? "hidden" : VISIBLE_REASONING_MODEL.test(model) ? "visible" : "none",
    promptText: conversation.text,
    segments,
    inputTokens: segments.reduce((sum, segment) => sum + segment.tokens, 0) + schemaTokens + 3,
    identity: JSON.stringify(identity),
  };
}
