import type { Parameter, Value } from "@weft/core";
import { feedbackLines, parameterKey, textOf, truncate } from "../feedback/text.js";

const CONTEXT_CHARS = 500;

/**
 * Parameter feedback for a learnable parameter of an LLM call (plait-spec 9.5): the parameter's name, current
 * value and description, the call's input and output (each cut to 500 characters), the feedback one action
 * per line with its score, and a request for specific improvements.
 */
export function llmParameterFeedback(
  parameter: Parameter,
  input: unknown,
  output: unknown,
  feedback: Value,
): string {
  return [
    `The parameter "${parameterKey(parameter)}" of a language-model call, currently "${textOf(parameter.value)}", ` +
      `is described as: ${parameter.description ?? "(no description)"}.`,
    `Input of the call: ${truncate(textOf(input), CONTEXT_CHARS)}`,
    `Output of the call: ${truncate(textOf(output), CONTEXT_CHARS)}`,
    "Feedback on the output:",
    feedbackLines(feedback),
    "Suggest specific improvements to this parameter so that the output addresses the feedback.",
  ]
    .join("\n")
    .trim();
}

/** Parameter feedback for a learnable parameter interpolated into a prompt or another data step. */
export function usedParameterFeedback(
  parameter: Parameter,
  usedIn: string,
  result: unknown,
  feedback: Value,
): string {
  return [
    `The parameter "${parameterKey(parameter)}", currently "${textOf(parameter.value)}", is described as: ` +
      `${parameter.description ?? "(no description)"}.`,
    `It was used to build ${usedIn}: ${truncate(textOf(result), CONTEXT_CHARS)}`,
    "Feedback on what was built from it:",
    feedbackLines(feedback),
    "Suggest specific improvements to this parameter so that the result addresses the feedback.",
  ]
    .join("\n")
    .trim();
}
