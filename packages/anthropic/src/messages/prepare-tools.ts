import type { JSONSchema, ToolChoice, ToolSpec } from "@weft/provider";

/** A client tool as sent on the wire. */
export interface AnthropicTool {
  readonly name: string;
  readonly description?: string;
  readonly input_schema: JSONSchema;
}

/** The wire form of a tool choice. */
export type AnthropicToolChoice =
  | { readonly type: "auto" }
  | { readonly type: "any" }
  | { readonly type: "none" }
  | { readonly type: "tool"; readonly name: string };

/** Converts one tool spec; the input schema must describe an object. */
export function toAnthropicTool(tool: ToolSpec): AnthropicTool {
  return {
    name: tool.name,
    ...(tool.description === undefined ? {} : { description: tool.description }),
    input_schema: tool.inputSchema,
  };
}

/** `"required"` becomes `{ type: "any" }`, a named tool `{ type: "tool", name }`. */
export function toAnthropicToolChoice(choice: ToolChoice): AnthropicToolChoice {
  if (choice === "required") return { type: "any" };
  if (choice === "auto" || choice === "none") return { type: choice };
  return { type: "tool", name: choice.name };
}

/** Tools and tool choice for a request; empty when no tools are offered. */
export function prepareTools(
  tools: readonly ToolSpec[] | undefined,
  choice: ToolChoice | undefined,
): { tools?: AnthropicTool[]; tool_choice?: AnthropicToolChoice } {
  if (!tools || tools.length === 0) return {};
  return {
    tools: tools.map(toAnthropicTool),
    ...(choice === undefined ? {} : { tool_choice: toAnthropicToolChoice(choice) }),
  };
}
