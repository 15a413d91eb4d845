import type { JSONSchema, ToolChoice, ToolSpec } from "@weft/provider";

/** A function tool as sent on the wire. */
export interface OpenAIFunctionTool {
  readonly type: "function";
  readonly function: {
    readonly name: string;
    readonly description?: string;
    readonly parameters: JSONSchema;
  };
}

/** The wire form of a tool choice. */
export type OpenAIToolChoice =
  | "auto"
  | "none"
  | "required"
  | { readonly type: "function"; readonly function: { readonly name: string } };

/** Converts one tool spec into a function tool. */
export function toOpenAITool(tool: ToolSpec): OpenAIFunctionTool {
  return {
    type: "function",
    function: {
      name: tool.name,
      ...(tool.description === undefined ? {} : { description: tool.description }),
      parameters: tool.inputSchema,
    },
  };
}

/** Converts weft's tool choice; a named tool becomes `{ type: "function", function: { name } }`. */
export function toOpenAIToolChoice(choice: ToolChoice): OpenAIToolChoice {
  return typeof choice === "string" ? choice : { type: "function", function: { name: choice.name } };
}

/** Tools and tool choice for a request; both undefined when the request offers no tools. */
export function prepareTools(
  tools: readonly ToolSpec[] | undefined,
  choice: ToolChoice | undefined,
): { tools?: OpenAIFunctionTool[]; tool_choice?: OpenAIToolChoice } {
  if (!tools || tools.length === 0) return {};
  return {
    tools: tools.map(toOpenAITool),
    ...(choice === undefined ? {} : { tool_choice: toOpenAIToolChoice(choice) }),
  };
}
