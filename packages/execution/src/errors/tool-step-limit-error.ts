import { applyBrand, brandCheck, WeftError } from "@weft/provider";

const TOOL_STEP_LIMIT_ERROR_BRAND = Symbol.for("weft.error.tool-step-limit");

/**
 * An LLM node's tool loop reached its step limit and the model was still calling tools. Code:
 * `tool_step_limit`.
 */
export class ToolStepLimitError extends WeftError {
  readonly nodeId: string;
  readonly maxToolSteps: number;

  constructor(nodeId: string, maxToolSteps: number) {
    super(
      "tool_step_limit",
      `Node '${nodeId}' still called tools after ${maxToolSteps} model step(s) (maxToolSteps); no final answer`,
    );
    applyBrand(this, TOOL_STEP_LIMIT_ERROR_BRAND);
    this.nodeId = nodeId;
    this.maxToolSteps = maxToolSteps;
  }

  /** True for a ToolStepLimitError from any installed copy of weft. */
  static override is(value: unknown): value is ToolStepLimitError {
    return isToolStepLimitError(value);
  }
}

const isToolStepLimitError = brandCheck<ToolStepLimitError>(TOOL_STEP_LIMIT_ERROR_BRAND);
