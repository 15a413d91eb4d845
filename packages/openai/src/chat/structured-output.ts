import type {
  JSONSchema,
  Message,
  ResponseFormat,
  StructuredOutputStrategy,
  ToolChoice,
  ToolSpec,
} from "@weft/provider";
import {
  createJsonAnswerDecoder,
  IDENTITY_DECODER,
  type JsonAnswerDecoder,
} from "../schema/json-answer-decoder.js";
import { injectSystemInstruction, jsonInstruction } from "../schema/json-instruction.js";
import { isObjectSchema } from "../schema/schema-walk.js";
import { toStrictJsonSchema } from "../schema/strict-schema.js";

/** How one request asks for its reply shape, and how the reply is read back. */
export interface StructuredOutputPlan {
  /** Fields merged into the request body (`response_format`). */
  readonly body: Readonly<Record<string, unknown>>;
  readonly messages: readonly Message[];
  readonly tools: readonly ToolSpec[] | undefined;
  readonly toolChoice: ToolChoice | undefined;
  /** Name of the tool whose arguments are the answer (tool-call strategy). */
  readonly answerTool: string | undefined;
  readonly decoder: JsonAnswerDecoder;
}

/** Inputs of {@link planStructuredOutput}. */
export interface StructuredOutputInput {
  readonly format: ResponseFormat | undefined;
  readonly strategy: StructuredOutputStrategy;
  /** Transform schemas for OpenAI strict mode (json-schema strategy only). */
  readonly strictJsonSchema: boolean;
  readonly messages: readonly Message[];
  readonly tools: readonly ToolSpec[] | undefined;
  readonly toolChoice: ToolChoice | undefined;
}

/** Schema names must match `^[a-zA-Z0-9_-]{1,64}$`; default `"response"`. */
function schemaName(name: string | undefined): string {
  const cleaned = (name ?? "").replace(/[^a-zA-Z0-9_-]/g, "_").slice(0, 64);
  return cleaned === "" ? "response" : cleaned;
}

function jsonSchemaFormat(
  name: string,
  description: string | undefined,
  schema: JSONSchema,
  strict: boolean | undefined,
): Record<string, unknown> {
  return {
    type: "json_schema",
    json_schema: {
      name,
      ...(description === undefined ? {} : { description }),
      schema,
      ...(strict === undefined ? {} : { strict }),
    },
  };
}

/**
 * Decides how a request asks for JSON, following the model's declared strategy:
 * - `json-schema`: `response_format: json_schema` (strict-mode transformed for OpenAI);
 * - `json-mode`: `response_format: json_object` plus the schema as a system instruction;
 * - `tool-call`: a forced call to an answer tool whose arguments become the reply text;
 * - `none`: the schema as a system instruction only.
 */
export function planStructuredOutput(input: StructuredOutputInput): StructuredOutputPlan {
  const { format, messages, tools, toolChoice } = input;
  const base = { body: {}, messages, tools, toolChoice, answerTool: undefined, decoder: IDENTITY_DECODER };
  if (format?.type !== "json") return base;
  const { schema, description } = format;
  const name = schemaName(format.name);
  switch (input.strategy) {
    case "json-schema": {
      if (!schema) {
        return {
          ...base,
          body: { response_format: { type: "json_object" } },
          messages: injectSystemInstruction(messages, jsonInstruction(undefined)),
        };
      }
      if (!input.strictJsonSchema)
        return { ...base, body: { response_format: jsonSchemaFormat(name, description, schema, undefined) } };
      const strict = toStrictJsonSchema(schema);
      if (!strict)
        return { ...base, body: { response_format: jsonSchemaFormat(name, description, schema, false) } };
      return {
        ...base,
        body: { response_format: jsonSchemaFormat(name, description, strict.schema, true) },
        decoder: createJsonAnswerDecoder({ schema, wrapped: strict.wrapped, optionalsMadeNullable: true }),
      };
    }
    case "json-mode":
      return {
        ...base,
        body: { response_format: { type: "json_object" } },
        messages: injectSystemInstruction(messages, jsonInstruction(schema)),
      };
    case "tool-call": {
      const wrapped = schema !== undefined && !isObjectSchema(schema);
      const { $defs, definitions, ...rest } = schema ?? {};
      const parameters: JSONSchema = !schema
        ? { type: "object" }
        : wrapped
          ? {
              type: "object",
              properties: { value: rest },
              required: ["value"],
              ...($defs ? { $defs } : {}),
              ...(definitions ? { definitions } : {}),
            }
          : schema;
      const answer: ToolSpec = {
        name,
        description: description ?? "Give the final answer.",
        inputSchema: parameters,
      };
      const userTools = toolChoice === "none" ? [] : (tools ?? []);
      return {
        ...base,
        tools: [...userTools, answer],
        // With other tools on offer the model may still call them; it must call one of them, though.
        toolChoice: userTools.length > 0 ? "required" : { type: "tool", name },
        answerTool: name,
        decoder: createJsonAnswerDecoder({ schema, wrapped }),
      };
    }
    case "none":
      return { ...base, messages: injectSystemInstruction(messages, jsonInstruction(schema)) };
  }
}
