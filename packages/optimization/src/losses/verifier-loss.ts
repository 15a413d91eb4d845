import { LeafModule, MetaKey, type Value } from "@weft/core";
import { Feedback } from "../feedback/feedback.js";
import { Loss, type LossInput } from "./loss.js";

/** What a verifier says: `[passed, message]`, or `{ passed, message }`. The message is the feedback on failure. */
export type Verdict =
  | readonly [passed: boolean, message: string]
  | { readonly passed: boolean; readonly message?: string };

/** A check of an output (plain data) against its target and context; may be async. */
export type Verifier = (output: unknown, target: unknown, context: unknown) => Verdict | Promise<Verdict>;

class VerifierCheck extends LeafModule {
  constructor(private readonly verify: Verifier) {
    super();
  }

  async forward(input: { output: unknown; target?: unknown; context?: unknown }): Promise<Feedback> {
    const verdict = await this.verify(input.output, input.target, input.context);
    const [passed, message] = Array.isArray(verdict)
      ? (verdict as readonly [boolean, string])
      : [(verdict as { passed: boolean }).passed, (verdict as { message?: string }).message ?? ""];
    const meta = { [MetaKey.verifier]: true };
    if (passed) return new Feedback([], { score: 1, meta });
    return new Feedback(message === "" ? ["The output failed verification."] : [message], { score: 0, meta });
  }
}

/**
 * A loss from a function (plait `VerifierLoss`): a pass gives no improvements and score 1; a failure gives the
 * verifier's message as the one improvement and score 0. `meta.verifier` is true. The check runs as a leaf
 * node, so an async verifier (a test runner, a schema check) runs on the runtime.
 *
 * @example
 * ```ts
 * const exact = new VerifierLoss((output, target) =>
 *   output === target ? [true, ""] : [false, `Expected "${target}" but got "${output}".`],
 * );
 * const feedback = await exact.evaluate(out, { target: "Paris" });
 * ```
 */
export class VerifierLoss extends Loss {
  readonly check: VerifierCheck;

  constructor(verify: Verifier) {
    super();
    this.check = new VerifierCheck(verify);
  }

  forward(input: LossInput): Value {
    return this.check.call(input as never) as Value;
  }
}
