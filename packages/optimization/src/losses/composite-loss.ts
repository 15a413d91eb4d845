import { LeafModule, LLMInference, ModuleList, type Value } from "@weft/core";
import { LossError } from "../errors/loss-error.js";
import { Feedback } from "../feedback/feedback.js";
import { feedbackActions, scoreOf } from "../feedback/normalize.js";
import { parseImprovements } from "../llm/parse-list.js";
import { composePrompt, literal } from "./compose-prompt.js";
import { feedbackOp } from "./feedback-op.js";
import { Loss, type LossInput } from "./loss.js";

/** Options of a {@link CompositeLoss}. */
export interface CompositeLossOptions {
  /**
   * An alias whose model merges the parts' improvements into one concise list (plait's aggregator). Default:
   * none: each part with improvements contributes one `"[Weight: w] a | b"` item.
   */
  readonly aggregatorAlias?: string;
}

/** The weighted score and improvements of several part feedbacks. @internal */
export function combineParts(parts: readonly Value[], weights: readonly number[]): Feedback {
  let weighted = 0;
  let total = 0;
  const actions: string[] = [];
  parts.forEach((part, index) => {
    const weight = weights[index] as number;
    const score = scoreOf(part);
    if (score !== undefined) {
      weighted += score * weight;
      total += weight;
    }
    const own = feedbackActions(part);
    if (own.length > 0) actions.push(`[Weight: ${weight}] ${own.join(" | ")}`);
  });
  return new Feedback(actions, total > 0 ? { score: weighted / total } : {});
}

class ParseMerged extends LeafModule {
  forward(reply: string): string[] {
    return parseImprovements(String(reply));
  }
}

/**
 * A weighted combination of losses (plait `CompositeLoss`): the parts run concurrently on the same output;
 * `score = Σ(score · w) / Σw` over the parts that have a score (none when no part has one); improvements are
 * one `"[Weight: w] a | b"` item per part with improvements, or, with `aggregatorAlias`, the concise list a
 * model merges them into. Weights must be finite and non-negative, not all zero (LossError `invalid_weight`).
 *
 * @example
 * ```ts
 * const loss = new CompositeLoss([[new VerifierLoss(isJson), 0.25], [new LLMJudge(), 0.75]]);
 * ```
 */
export class CompositeLoss extends Loss {
  readonly parts: ModuleList<Loss>;
  readonly weights: readonly number[];
  readonly aggregator: LLMInference | undefined;
  readonly parse: ParseMerged | undefined;

  constructor(parts: readonly (readonly [Loss, number])[], options: CompositeLossOptions = {}) {
    super();
    const weights = parts.map(([, weight]) => weight);
    if (
      parts.length === 0 ||
      weights.some((w) => !Number.isFinite(w) || w < 0) ||
      !weights.some((w) => w > 0)
    ) {
      throw new LossError(
        "invalid_weight",
        `composite weights must be finite, >= 0 and not all zero: [${weights.join(", ")}]`,
      );
    }
    this.parts = new ModuleList(parts.map(([loss]) => loss));
    this.weights = weights;
    this.aggregator = options.aggregatorAlias
      ? new LLMInference({
          alias: options.aggregatorAlias,
          systemPrompt:
            "You merge feedback from several weighted evaluations into one concise list of actionable improvements. " +
            "Weigh each source by its weight, drop duplicates and resolve conflicts. " +
            "Reply with a JSON array of strings, or [] when nothing needs improving.",
        })
      : undefined;
    this.parse = this.aggregator ? new ParseMerged() : undefined;
  }

  forward(input: LossInput): Value {
    const feedbacks = [...this.parts].map((part) => part.call(input) as Value);
    const combined = feedbackOp("combine", feedbacks, (...parts) => combineParts(parts, this.weights));
    if (!this.aggregator || !this.parse) return combined;
    const pieces: unknown[] = [literal("Merge these evaluations of one output:")];
    feedbacks.forEach((feedback, index) => {
      pieces.push(literal(`\n\n[Weight: ${this.weights[index]}]\n`), feedback);
    });
    const merged = this.parse.call(this.aggregator.call(composePrompt(pieces)));
    return feedbackOp("with_score", [merged, combined], (actions, scored) => {
      const score = scoreOf(scored);
      return new Feedback(actions, score === undefined ? {} : { score });
    });
  }
}
