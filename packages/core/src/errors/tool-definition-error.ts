import { applyBrand, brandCheck, WeftError } from "@weft/provider";

const TOOL_DEFINITION_ERROR_BRAND = Symbol.for("weft.error.tool-definition");

/** `defineTool` got an invalid definition (a bad name, a schema that is not an object). Code: `invalid_tool`. */
export class ToolDefinitionError extends WeftError {
  constructor(message: string, options: { readonly cause?: unknown } = {}) {
    super("invalid_tool", message, options);
    applyBrand(this, TOOL_DEFINITION_ERROR_BRAND);
  }

  /** True for a ToolDefinitionError from any installed copy of weft. */
  static override is(value: unknown): value is ToolDefinitionError {
    return isToolDefinitionError(value);
  }
}

const isToolDefinitionError = brandCheck<ToolDefinitionError>(TOOL_DEFINITION_ERROR_BRAND);
