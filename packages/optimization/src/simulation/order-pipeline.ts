import { LLMInference, Module, Parameter, prompt, type Value } from "@weft/core";

/**
 * The first stage's initial instructions: units are converted, but cancellations are not handled and a rounding
 * rule hurts every order with a fractional amount.
 */
export const INITIAL_EXTRACT_PROMPT =
  "Extract every item of the order note with its weight converted to kilograms, one per line as " +
  "'- item: weight kg'. Round each weight to the nearest whole number.";

/** The second stage's initial instructions (right for the first stage's initial format). */
export const INITIAL_ANSWER_PROMPT =
  "Add up the weights of all listed items and answer with 'Total: <number> kg'.";

/**
 * The simulation's two-stage program: `extract` (alias `"extract"`) lists the lines of an order note, and
 * `answer` (alias `"answer"`) adds up their weights. Both system prompts are learnable.
 */
export class OrderPipeline extends Module {
  readonly extract = new LLMInference({
    alias: "extract",
    systemPrompt: new Parameter(INITIAL_EXTRACT_PROMPT, {
      description: "Instructions for reading an order note into items with their weights",
    }),
  });
  readonly answer = new LLMInference({
    alias: "answer",
    systemPrompt: new Parameter(INITIAL_ANSWER_PROMPT, {
      description: "Instructions for computing the order's weight from the extracted items",
    }),
  });

  forward(note: Value<string>): Value<string> {
    const items = this.extract.call(prompt`Order note:\n${note}`);
    return this.answer.call(prompt`Extracted items:\n${items}`);
  }
}
