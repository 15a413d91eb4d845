import { LeafModule, LLMInference, MetaKey, type Value } from "@weft/core";
import { z } from "zod";
import { LossError } from "../errors/loss-error.js";
import { Feedback } from "../feedback/feedback.js";
import { composePrompt, literal } from "./compose-prompt.js";
import { lenientObject } from "./lenient-object.js";
import { judgePieces } from "./llm-judge.js";
import { Loss, type LossInput } from "./loss.js";

/** One level of a rubric: `score` on the rubric's scale, a short label and what it means. */
export interface RubricLevel {
  readonly score: number;
  readonly label: string;
  readonly description: string;
}

/** What the rubric judge answers (plait `RubricResponse`), read leniently (see the aliases below). */
export const rubricResponseSchema = lenientObject(
  {
    score: z.number(),
    justification: z.string(),
    actionable_improvements: z.array(z.string()),
  },
  {
    rating: "score",
    grade: "score",
    score_value: "score",
    overall_score: "score",
    actionableimprovements: "actionable_improvements",
    actionable_improvement: "actionable_improvements",
    improvements: "actionable_improvements",
    suggestions: "actionable_improvements",
    recommendations: "actionable_improvements",
    feedback: "actionable_improvements",
    reasoning: "justification",
    explanation: "justification",
  },
);

/** The rubric judge's answer. */
export type RubricResponse = z.output<typeof rubricResponseSchema>;

/** Options of an {@link LLMRubricLoss}. */
export interface LLMRubricLossOptions {
  /** What is judged. Required. */
  readonly criteria: string;
  /** The scale; sorted by score; at least two distinct scores. Required. */
  readonly rubric: readonly RubricLevel[];
  /** The judge's alias. Default: `"judge"`. */
  readonly alias?: string;
  /** Default: unset. */
  readonly temperature?: number;
}

function rubricSystemPrompt(criteria: string, rubric: readonly RubricLevel[]): string {
  return [
    "You grade outputs against a rubric.",
    `Criteria: ${criteria}`,
    "Scale:",
    ...rubric.map((level) => `${level.score} - ${level.label}: ${level.description}`),
    'Reply with a JSON object with "score" (a number on the scale), "justification" (a short explanation) and',
    '"actionable_improvements" (an array of strings; [] when nothing needs improving).',
  ].join("\n");
}

class RubricFeedback extends LeafModule {
  constructor(
    private readonly min: number,
    private readonly max: number,
    private readonly criteria: string,
  ) {
    super();
  }

  forward(verdict: RubricResponse): Feedback {
    const raw = Math.min(this.max, Math.max(this.min, verdict.score));
    return new Feedback(verdict.actionable_improvements, {
      score: (raw - this.min) / (this.max - this.min),
      meta: {
        [MetaKey.rawScore]: verdict.score,
        [MetaKey.criteria]: this.criteria,
        [MetaKey.justification]: verdict.justification,
      },
    });
  }
}

/**
 * A rubric judge loss (plait `LLMRubricLoss`): the judge grades the output on the rubric's scale and answers
 * through a zod output schema (so the runtime validates it and re-asks with the issues when it does not
 * match); the feedback is its actionable improvements with `score = (raw - min) / (max - min)` (raw clamped
 * to the scale) and meta `rawScore`, `criteria`, `justification`.
 *
 * @example
 * ```ts
 * const loss = new LLMRubricLoss({
 *   criteria: "Is the answer correct and complete?",
 *   rubric: [
 *     { score: 1, label: "wrong", description: "incorrect or missing" },
 *     { score: 5, label: "right", description: "correct and complete" },
 *   ],
 * });
 * ```
 */
export class LLMRubricLoss extends Loss {
  readonly judge: LLMInference<typeof rubricResponseSchema>;
  readonly grade: RubricFeedback;
  readonly criteria: string;
  readonly rubric: readonly RubricLevel[];

  constructor(options: LLMRubricLossOptions) {
    super();
    const rubric = [...options.rubric].sort((a, b) => a.score - b.score);
    const min = rubric[0]?.score;
    const max = rubric[rubric.length - 1]?.score;
    if (min === undefined || max === undefined || !(max > min)) {
      throw new LossError("invalid_rubric", "a rubric needs at least two levels with different scores");
    }
    this.criteria = options.criteria;
    this.rubric = rubric;
    this.judge = new LLMInference({
      alias: options.alias ?? "judge",
      systemPrompt: rubricSystemPrompt(options.criteria, rubric),
      outputSchema: rubricResponseSchema,
      outputName: "rubric_response",
      ...(options.temperature === undefined ? {} : { temperature: options.temperature }),
    });
    this.grade = new RubricFeedback(min, max, options.criteria);
  }

  forward(input: LossInput): Value {
    const verdict = this.judge.call(
      composePrompt([...judgePieces(input, undefined), literal("\n\nGrade it.")]),
    );
    return this.grade.call(verdict) as Value;
  }
}
