import { LeafModule, LLMInference, type Value } from "@weft/core";
import { z } from "zod";
import { LossError } from "../errors/loss-error.js";
import { Feedback } from "../feedback/feedback.js";
import { textOf, truncate } from "../feedback/text.js";
import { composePrompt, literal } from "./compose-prompt.js";
import { lenientObject } from "./lenient-object.js";
import { type EvaluateOptions, Loss, type LossInput, outputValues, runLossGraph, tagged } from "./loss.js";
import { LossView } from "./loss-view.js";

const winner = z.preprocess((x) => (typeof x === "string" ? x.trim().toUpperCase() : x), z.enum(["A", "B"]));

/** What the preference judge answers (plait `PreferenceResponse`). */
export const preferenceResponseSchema = lenientObject(
  {
    winner,
    reason: z.string(),
    a_strengths: z.string(),
    a_weaknesses: z.string(),
    b_strengths: z.string(),
    b_weaknesses: z.string(),
  },
  { preferred: "winner", choice: "winner", explanation: "reason", reasoning: "reason" },
);

/** The preference judge's answer. */
export type PreferenceResponse = z.output<typeof preferenceResponseSchema>;

/** Options of an {@link LLMPreferenceLoss}. */
export interface LLMPreferenceLossOptions {
  /** What makes an output better. Required. */
  readonly criteria: string;
  /** The judge's alias. Default: `"judge"`. */
  readonly alias?: string;
  /** Default: unset. */
  readonly temperature?: number;
}

const SNIPPET = 200;

class PreferenceFeedback extends LeafModule {
  forward(verdict: PreferenceResponse, a: unknown, b: unknown): Feedback[] {
    const aWins = verdict.winner === "A";
    const [won, lost] = aWins ? [a, b] : [b, a];
    const strengths = aWins ? verdict.a_strengths : verdict.b_strengths;
    const weaknesses = aWins ? verdict.b_weaknesses : verdict.a_weaknesses;
    const preferred = new Feedback([`Preferred. Strengths: ${strengths}`], { score: 1 });
    const rejected = new Feedback(
      [
        `Not preferred: ${verdict.reason}`,
        `Weaknesses: ${weaknesses}`,
        "Emulate the preferred output and avoid what the rejected one did.",
        `Preferred: "${truncate(textOf(won), SNIPPET)}"`,
        `Rejected: "${truncate(textOf(lost), SNIPPET)}"`,
      ],
      { score: 0 },
    );
    return aWins ? [preferred, rejected] : [rejected, preferred];
  }
}

/**
 * A pairwise preference loss (plait `LLMPreferenceLoss`): a judge compares the output (A) with the target (B)
 * on the criteria; the preferred one gets `"Preferred. Strengths: ..."` and score 1, the other a contrastive
 * text (the reason, its weaknesses, snippets of both) and score 0. `evaluate` needs a target (LossError
 * `missing_target`); {@link compare} returns the feedback of both outputs, each with its own tapes.
 */
export class LLMPreferenceLoss extends Loss {
  readonly judge: LLMInference<typeof preferenceResponseSchema>;
  readonly decide = new PreferenceFeedback();
  readonly criteria: string;

  constructor(options: LLMPreferenceLossOptions) {
    super();
    this.criteria = options.criteria;
    this.judge = new LLMInference({
      alias: options.alias ?? "judge",
      systemPrompt: [
        "You compare two outputs, A and B, on the criteria you are given and pick the better one.",
        'Reply with a JSON object: "winner" ("A" or "B"), "reason", "a_strengths", "a_weaknesses",',
        '"b_strengths" and "b_weaknesses".',
      ].join(" "),
      outputSchema: preferenceResponseSchema,
      outputName: "preference_response",
      ...(options.temperature === undefined ? {} : { temperature: options.temperature }),
    });
  }

  /** Both feedbacks, `[forOutput, forTarget]`, as one traced Value. */
  pair(input: LossInput): Value {
    if (input.target === undefined) {
      throw new LossError(
        "missing_target",
        "LLMPreferenceLoss compares the output with a target; none was given",
      );
    }
    const pieces: unknown[] = [
      literal(`Criteria: ${this.criteria}\n\n[A]\n`),
      input.output,
      literal("\n\n[B]\n"),
      input.target,
    ];
    if (input.context !== undefined) pieces.push(literal("\n\nContext:\n"), input.context);
    const verdict = this.judge.call(composePrompt(pieces));
    return this.decide.call(verdict, input.output as never, input.target as never) as Value;
  }

  forward(input: LossInput): Value {
    return this.pair(input).at(0 as never) as Value;
  }

  /**
   * Compares two outputs and resolves with `[feedbackA, feedbackB]`, each carrying the tapes of its own output
   * (so a backward over both trains on both).
   */
  async compare(
    a: unknown,
    b: unknown,
    options: Omit<EvaluateOptions, "target"> = {},
  ): Promise<[Feedback, Feedback]> {
    const [valuesA, valuesB] = [outputValues(a), outputValues(b)];
    const view = new LossView((input) => {
      const pair = this.pair(input);
      return [pair.at(0 as never), pair.at(1 as never)];
    });
    const result = await runLossGraph(
      view,
      { output: valuesA, target: valuesB, context: options.context },
      options,
    );
    const [fbA, fbB] = result.values as [Value, Value];
    return [tagged(fbA, valuesA), tagged(fbB, valuesB)];
  }
}
