import { LeafModule, LLMInference, MetaKey, type Value } from "@weft/core";
import { z } from "zod";
import { LossError } from "../errors/loss-error.js";
import { Feedback } from "../feedback/feedback.js";
import { composePrompt, literal } from "./compose-prompt.js";
import { lenientObject } from "./lenient-object.js";
import { type EvaluateOptions, Loss, type LossInput, outputValues, runLossGraph, tagged } from "./loss.js";
import { LossView } from "./loss-view.js";

/** What the ranking judge answers (plait `RankingResponse`). */
export const rankingResponseSchema = lenientObject(
  {
    ranking: z.array(z.number().int()),
    best_qualities: z.string(),
    worst_issues: z.string(),
    comparison: z.string(),
    per_output_actionable_improvements: z.array(z.array(z.string())).optional(),
  },
  { order: "ranking", reasoning: "comparison", improvements: "per_output_actionable_improvements" },
);

/** The ranking judge's answer. */
export type RankingResponse = z.output<typeof rankingResponseSchema>;

/** Options of an {@link LLMRankingLoss}. */
export interface LLMRankingLossOptions {
  /** What makes an output better. Required. */
  readonly criteria: string;
  /** The judge's alias. Default: `"judge"`. */
  readonly alias?: string;
  /** Default: unset. */
  readonly temperature?: number;
}

class RankFeedback extends LeafModule {
  forward(verdict: RankingResponse, count: number): Feedback[] {
    const ranking = verdict.ranking;
    const sorted = [...ranking].sort((a, b) => a - b);
    if (ranking.length !== count || sorted.some((index, position) => index !== position + 1)) {
      throw new LossError(
        "invalid_answer",
        `the judge's ranking [${ranking.join(", ")}] is not a permutation of 1..${count}`,
      );
    }
    return Array.from({ length: count }, (_, index) => {
      const rank = ranking.indexOf(index + 1) + 1;
      const own = verdict.per_output_actionable_improvements?.[index];
      const actions =
        own && own.length > 0
          ? own
          : [
              rank === 1
                ? `Ranked #1 of ${count}: ${verdict.best_qualities}`
                : `Ranked #${rank} of ${count}. ${verdict.worst_issues} ${verdict.comparison}`.trim(),
            ];
      return new Feedback(actions, {
        score: (count - rank) / (count - 1),
        meta: { [MetaKey.rank]: rank, [MetaKey.total]: count },
      });
    });
  }
}

function candidatesOf(input: LossInput): unknown[] {
  const others =
    input.target === undefined ? [] : Array.isArray(input.target) ? input.target : [input.target];
  return [input.output, ...others];
}

/**
 * A ranking loss (plait `LLMRankingLoss`): a judge ranks several outputs (listed `[1]`, `[2]`, ...) from
 * best to worst; output i gets `score = (N - rank) / (N - 1)`, meta `rank` and `total`, and its own
 * improvements when the judge gave them, else a "Ranked #k" text. `evaluate(output, { target })` ranks the
 * output among the target(s) and returns the output's feedback; {@link rank} returns every output's.
 * Fewer than two outputs: LossError `too_few_outputs`.
 */
export class LLMRankingLoss extends Loss {
  readonly judge: LLMInference<typeof rankingResponseSchema>;
  readonly decide = new RankFeedback();
  readonly criteria: string;

  constructor(options: LLMRankingLossOptions) {
    super();
    this.criteria = options.criteria;
    this.judge = new LLMInference({
      alias: options.alias ?? "judge",
      systemPrompt: [
        "You rank outputs from best to worst on the criteria you are given.",
        'Reply with a JSON object: "ranking" (the output numbers, best first), "best_qualities", "worst_issues",',
        '"comparison", and "per_output_actionable_improvements" (one array of improvements per output, in order).',
      ].join(" "),
      outputSchema: rankingResponseSchema,
      outputName: "ranking_response",
      ...(options.temperature === undefined ? {} : { temperature: options.temperature }),
    });
  }

  /** Every candidate's feedback, in candidate order, as one traced Value. */
  ranked(input: LossInput): { readonly feedbacks: Value; readonly count: number } {
    const candidates = candidatesOf(input);
    if (candidates.length < 2) {
      throw new LossError(
        "too_few_outputs",
        "LLMRankingLoss ranks at least two outputs (the output and a target)",
      );
    }
    const pieces: unknown[] = [literal(`Criteria: ${this.criteria}`)];
    candidates.forEach((candidate, index) => {
      pieces.push(literal(`\n\n[${index + 1}]\n`), candidate);
    });
    if (input.context !== undefined) pieces.push(literal("\n\nContext:\n"), input.context);
    const verdict = this.judge.call(composePrompt(pieces));
    return { feedbacks: this.decide.call(verdict, candidates.length) as Value, count: candidates.length };
  }

  forward(input: LossInput): Value {
    return this.ranked(input).feedbacks.at(0 as never) as Value;
  }

  /** Ranks `outputs` (at least two) and resolves with one feedback per output, each with its own tapes. */
  async rank(
    outputs: readonly unknown[],
    options: Omit<EvaluateOptions, "target"> = {},
  ): Promise<Feedback[]> {
    if (outputs.length < 2) throw new LossError("too_few_outputs", "rank() needs at least two outputs");
    const values = outputs.map(outputValues);
    const view = new LossView((input) => {
      const { feedbacks, count } = this.ranked(input);
      return Array.from({ length: count }, (_, index) => feedbacks.at(index as never));
    });
    const result = await runLossGraph(
      view,
      { output: values[0], target: values.slice(1), context: options.context },
      options,
    );
    return (result.values as Value[]).map((feedback, index) => tagged(feedback, values[index]));
  }
}
