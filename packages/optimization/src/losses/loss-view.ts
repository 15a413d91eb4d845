import { Module } from "@weft/core";
import type { LossInput } from "./loss.js";

/**
 * A module whose `forward()` is a function of a loss's input, used to run another view of a loss (all the
 * feedbacks of a comparison or ranking) without registering the loss as its child (which would rename the
 * loss's modules and parameters). @internal
 */
export class LossView extends Module {
  readonly #trace: (input: LossInput) => unknown;

  constructor(trace: (input: LossInput) => unknown) {
    super();
    this.#trace = trace;
  }

  forward(input: LossInput): unknown {
    return this.#trace(input);
  }
}
