import type { ResponseFormat, StructuredOutputStrategy, ToolChoice, ToolSpec } from "@weft/provider";
import { toAnswerSchema, toNativeOutputSchema, unwrapAnswer } from "../schema/answer-schema.js";
import { jsonInstruction } from "../schema/json-instruction.js";

/** How one request asks for its reply shape, and how the reply is read back. */
export interface AnthropicOutputPlan {
  /** Fields merged into the request body (`output_config`). */
  readonly body: Readonly<Record<string, unknown>>;
  /** Text appended to the system prompt. */
  readonly systemSuffix: string | undefined;
  readonly tools: readonly ToolSpec[] | undefined;
  readonly toolChoice: ToolChoice | undefined;
  /** The tool whose input is the answer (tool-call strategy). */
  readonly answerTool: string | undefined;
  /** Maps the answer text back to the caller's schema (unwrapping `{ value }`); undefined: identity. */
  readonly decode: ((text: string) => string) | undefined;
}

/** Inputs of {@link planAnthropicOutput}. */
export interface AnthropicOutputInput {
  readonly format: ResponseFormat | undefined;
  readonly strategy: StructuredOutputStrategy;
  readonly tools: readonly ToolSpec[] | undefined;
  readonly toolChoice: ToolChoice | undefined;
}

function toolName(name: string | undefined): string {
  const cleaned = (name ?? "").replace(/[^a-zA-Z0-9_-]/g, "_").slice(0, 64);
  return cleaned === "" ? "response" : cleaned;
}

/**
 * Decides how a request asks for JSON:
 * - `json-schema`: native `output_config.format` (falling back to a tool call for record types);
 * - `tool-call`: a forced call to an answer tool whose input becomes the reply text;
 * - `json-mode` / `none`: the schema as a system instruction (Anthropic has no JSON mode).
 */
export function planAnthropicOutput(input: AnthropicOutputInput): AnthropicOutputPlan {
  const { format, tools, toolChoice } = input;
  const base = {
    body: {},
    systemSuffix: undefined,
    tools,
    toolChoice,
    answerTool: undefined,
    decode: undefined,
  };
  if (format?.type !== "json") return base;
  const answer = toAnswerSchema(format.schema);
  const decode = answer.wrapped ? unwrapAnswer : undefined;
  if (input.strategy === "json-schema" && format.schema) {
    const native = toNativeOutputSchema(answer.schema);
    if (native)
      return {
        ...base,
        body: { output_config: { format: { type: "json_schema", schema: native } } },
        decode,
      };
  }
  if (input.strategy === "json-mode" || input.strategy === "none") {
    return { ...base, systemSuffix: jsonInstruction(format.schema) };
  }
  const name = toolName(format.name);
  const userTools = toolChoice === "none" ? [] : (tools ?? []);
  return {
    ...base,
    tools: [
      ...userTools,
      { name, description: format.description ?? "Give the final answer.", inputSchema: answer.schema },
    ],
    // With other tools on offer the model may still call them; it must call one tool, though.
    toolChoice: userTools.length > 0 ? "required" : { type: "tool", name },
    answerTool: name,
    decode,
  };
}
