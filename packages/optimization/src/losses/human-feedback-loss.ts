import { LeafModule, MetaKey, type Value } from "@weft/core";
import { LossError } from "../errors/loss-error.js";
import { Feedback } from "../feedback/feedback.js";
import { Loss, type LossInput } from "./loss.js";
import type { RubricLevel } from "./rubric-loss.js";

/** What a human is shown. */
export interface HumanFeedbackRequest {
  /** The output, as plain data. */
  readonly output: unknown;
  /** Present when the loss shows it (`showContext`) and one was given. */
  readonly target?: unknown;
  readonly context?: unknown;
  readonly criteria?: string;
  /** The scale, sorted by score, when the loss asks for a score. */
  readonly rubric?: readonly RubricLevel[];
}

/** What a human answers. */
export interface HumanFeedbackAnswer {
  /** Improvements, one per string; empty when nothing needs improving. */
  readonly improvements: readonly string[];
  /** With a rubric: the chosen level's score (on the rubric's scale). Without one: optional, in [0, 1]. */
  readonly score?: number;
}

/** Asks a human for feedback: a callback in code, the console (`consolePrompt`) in a terminal. */
export type HumanPrompt = (
  request: HumanFeedbackRequest,
) => HumanFeedbackAnswer | Promise<HumanFeedbackAnswer>;

/** Options of a {@link HumanFeedbackLoss}. */
export interface HumanFeedbackLossOptions {
  /** How the human is asked. Required. */
  readonly prompt: HumanPrompt;
  /** What to judge, shown to the human. Default: none. */
  readonly criteria?: string;
  /** Ask for a score on this scale (plait `HumanRubricLoss`). Default: no score is required. */
  readonly rubric?: readonly RubricLevel[];
  /** Show the target and context too. Default: true. */
  readonly showContext?: boolean;
}

class AskHuman extends LeafModule {
  constructor(
    private readonly options: HumanFeedbackLossOptions & { readonly rubric?: readonly RubricLevel[] },
  ) {
    super();
  }

  async forward(input: { output: unknown; target?: unknown; context?: unknown }): Promise<Feedback> {
    const { rubric, criteria, showContext = true } = this.options;
    const request: HumanFeedbackRequest = {
      output: input.output,
      ...(showContext && input.target !== undefined ? { target: input.target } : {}),
      ...(showContext && input.context !== undefined ? { context: input.context } : {}),
      ...(criteria === undefined ? {} : { criteria }),
      ...(rubric === undefined ? {} : { rubric }),
    };
    const answer = await this.options.prompt(request);
    const improvements = answer.improvements.map((line) => line.trim()).filter((line) => line !== "");
    if (!rubric) return new Feedback(improvements, answer.score === undefined ? {} : { score: answer.score });
    const min = rubric[0]?.score as number;
    const max = rubric[rubric.length - 1]?.score as number;
    const raw = answer.score;
    if (raw === undefined || !rubric.some((level) => level.score === raw)) {
      throw new LossError("invalid_answer", `the human's score ${String(raw)} is not a level of the rubric`);
    }
    return new Feedback(improvements, {
      score: (raw - min) / (max - min),
      meta: { [MetaKey.rawScore]: raw },
    });
  }
}

/**
 * Feedback from a person (plait `HumanFeedbackLoss` and `HumanRubricLoss`): `prompt` is shown the output
 * (and its target and context) and answers improvements and, with a `rubric`, a score on its scale
 * (normalized to [0, 1], meta `rawScore`). The question runs as a leaf node, so a batch asks concurrently:
 * a console prompt should serialize itself (`consolePrompt` does).
 *
 * @example
 * ```ts
 * const loss = new HumanFeedbackLoss({ prompt: consolePrompt() });
 * const review = new HumanFeedbackLoss({ prompt: async ({ output }) => ({ improvements: reviewer(output) }) });
 * ```
 */
export class HumanFeedbackLoss extends Loss {
  readonly ask: AskHuman;

  constructor(options: HumanFeedbackLossOptions) {
    super();
    const rubric = options.rubric ? [...options.rubric].sort((a, b) => a.score - b.score) : undefined;
    if (rubric && !((rubric[rubric.length - 1]?.score ?? 0) > (rubric[0]?.score ?? 0))) {
      throw new LossError("invalid_rubric", "a rubric needs at least two levels with different scores");
    }
    this.ask = new AskHuman({ ...options, ...(rubric ? { rubric } : {}) });
  }

  forward(input: LossInput): Value {
    return this.ask.call(input as never) as Value;
  }
}
