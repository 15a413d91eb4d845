import type { JSONSchema, ToolSpec } from "@weft/provider";
import { toJSONSchema, type z } from "zod";
import { ToolDefinitionError } from "../errors/tool-definition-error.js";

/** What a tool's `execute` receives besides its arguments. */
export interface ToolContext {
  /** The id of the model's tool call this execution answers. */
  readonly toolCallId: string;
  /** Aborted when the run is cancelled. */
  readonly signal?: AbortSignal;
}

/** A tool definition: `parameters` is a zod object schema; `execute` gets the parsed arguments. */
export interface ToolDefinition<P extends z.ZodType = z.ZodType, R = unknown> {
  /** Letters, digits, `_` and `-`, at most 64 characters (what every provider accepts). */
  readonly name: string;
  /** What the tool does, for the model. */
  readonly description: string;
  readonly parameters: P;
  execute(args: z.output<P>, context: ToolContext): R | Promise<R>;
}

/** A tool ready for a request: the definition plus its provider {@link ToolSpec}. */
export interface Tool<P extends z.ZodType = z.ZodType, R = unknown> extends ToolDefinition<P, R> {
  readonly spec: ToolSpec;
}

const TOOL_NAME = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Defines a tool the model may call, typed from its zod `parameters`. The JSON Schema for the provider
 * request is computed once (`tool.spec`). The runtime's tool loop parses the model's arguments with
 * `parameters`, calls `execute`, and feeds the TOOL_RESULT back (see `executeToolCall`).
 *
 * @example
 * ```ts
 * const weather = defineTool({
 *   name: "get_weather",
 *   description: "Current temperature in a city, in °C",
 *   parameters: z.object({ city: z.string() }),
 *   execute: async ({ city }) => ({ city, celsius: await lookUp(city) }),
 * });
 * ```
 */
export function defineTool<P extends z.ZodType, R>(definition: ToolDefinition<P, R>): Tool<P, R> {
  if (!TOOL_NAME.test(definition.name)) {
    throw new ToolDefinitionError(
      `Invalid tool name ${JSON.stringify(definition.name)}: use 1-64 letters, digits, "_" or "-"`,
    );
  }
  let schema: JSONSchema;
  try {
    const { $schema: _ignored, ...rest } = toJSONSchema(definition.parameters) as JSONSchema & {
      $schema?: string;
    };
    schema = rest;
  } catch (cause) {
    throw new ToolDefinitionError(`Tool ${definition.name}: parameters cannot be expressed as JSON Schema`, {
      cause,
    });
  }
  if (schema.type !== "object") {
    throw new ToolDefinitionError(`Tool ${definition.name}: parameters must be a zod object schema`);
  }
  const spec: ToolSpec = { name: definition.name, description: definition.description, inputSchema: schema };
  return Object.freeze({ ...definition, spec });
}
