import { LeafModule, LLMInference, type Value } from "@weft/core";
import { Feedback } from "../feedback/feedback.js";
import { parseImprovements } from "../llm/parse-list.js";
import { composePrompt, literal } from "./compose-prompt.js";
import { Loss, type LossInput } from "./loss.js";

/** The LLM judge's system prompt (plait-spec 9.3, in weft's words). */
export const JUDGE_SYSTEM_PROMPT = [
  "You are a critical reviewer.",
  "Read the output you are given and list only actionable improvements: concrete changes that would make it better.",
  "Do not praise, do not summarise, do not rewrite the output.",
  "Reply with a JSON array of strings, one improvement per string, or [] when nothing needs improving.",
].join(" ");

/** Options of an {@link LLMJudge}. */
export interface LLMJudgeOptions {
  /** The judge model's alias. Default: `"judge"`. */
  readonly alias?: string;
  /** What to focus on (accuracy, tone, ...). Default: none. */
  readonly criteria?: string;
  /** Replaces the judge's system prompt. Default: {@link JUDGE_SYSTEM_PROMPT}. */
  readonly systemPrompt?: string;
  /** Default: unset. */
  readonly temperature?: number;
}

class ParseImprovements extends LeafModule {
  forward(reply: string): Feedback {
    return new Feedback(parseImprovements(String(reply)));
  }
}

/** The judging prompt's blocks: the output, then context, expected behaviour and focus when given. @internal */
export function judgePieces(input: LossInput, criteria: string | undefined): unknown[] {
  const pieces: unknown[] = [literal("Output to critique:\n"), input.output];
  if (input.context !== undefined) pieces.push(literal("\n\nContext:\n"), input.context);
  if (input.target !== undefined) pieces.push(literal("\n\nExpected behaviour:\n"), input.target);
  if (criteria) pieces.push(literal(`\n\nFocus on: ${criteria}`));
  return pieces;
}

/**
 * An LLM judge loss (plait `LLMJudge`): a judge model lists actionable improvements of the output (given its
 * context, expected behaviour and focus criteria), as a JSON array; a reply that is not one becomes a single
 * improvement. No score.
 *
 * @example
 * ```ts
 * const judge = new LLMJudge({ criteria: "factual accuracy" });
 * const feedback = await judge.evaluate(out, { resources, context: question });
 * ```
 */
export class LLMJudge extends Loss {
  readonly judge: LLMInference;
  readonly parse = new ParseImprovements();
  readonly criteria: string | undefined;

  constructor(options: LLMJudgeOptions = {}) {
    super();
    this.criteria = options.criteria;
    this.judge = new LLMInference({
      alias: options.alias ?? "judge",
      systemPrompt: options.systemPrompt ?? JUDGE_SYSTEM_PROMPT,
      ...(options.temperature === undefined ? {} : { temperature: options.temperature }),
    });
  }

  forward(input: LossInput): Value {
    const pieces = [
      ...judgePieces(input, this.criteria),
      literal("\n\nReturn only a JSON array of strings."),
    ];
    const reply = this.judge.call(composePrompt(pieces));
    return this.parse.call(reply) as Value;
  }
}
