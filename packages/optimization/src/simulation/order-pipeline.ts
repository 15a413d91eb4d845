import { LLMInference, Module, Parameter, prompt, type Value } from "@weft/core";
import { detach } from "../backward/detach.js";

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

/** Options of {@link OrderPipeline}. */
export interface OrderPipelineOptions {
  /**
   * Pass the first stage's output to the second through {@link detach}: the forward is the same, but no
   * feedback reaches the first stage (the chain-cut ablation). Default: false.
   */
  readonly detached?: boolean;
}

/**
 * The simulation's two-stage program: `extract` (alias `"extract"`) lists the lines of an order note, and
 * `answer` (alias `"answer"`) adds up their weights. Both system prompts are learnable.
 */
export class OrderPipeline extends Module {
  /** Whether the second stage reads the first stage's output through `detach`. */
  readonly detached: boolean;
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

  constructor(options: OrderPipelineOptions = {}) {
    super();
    this.detached = options.detached ?? false;
  }

  forward(note: Value<string>): Value<string> {
    const items = this.extract.call(prompt`Order note:\n${note}`);
    return this.answer.call(prompt`Extracted items:\n${this.detached ? detach(items) : items}`);
  }
}
