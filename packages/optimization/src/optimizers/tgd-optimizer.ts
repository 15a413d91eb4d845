import { OptimizationError, type Parameter } from "@weft/core";
import { callModel } from "../llm/model-runtime.js";
import { Optimizer } from "./optimizer.js";
import type { OptimizerOptions, UpdateOutcome, UpdateRequest } from "./optimizer-types.js";
import { valueFromText } from "./parameter-text.js";
import { UPDATER_ALIAS } from "./sfa-optimizer.js";
import { parseImproved, REPAIR_PROMPT, TGD_SYSTEM_PROMPT, tgdPrompt } from "./tgd-prompts.js";

/** Options of a {@link TGDOptimizer}. */
export interface TGDOptimizerOptions extends OptimizerOptions {
  /** Past values (with the feedback they got) shown in each prompt; 0 turns momentum off. Default: 0. */
  readonly momentum?: number;
  /** Rules every new value must follow (natural language). Default: none. */
  readonly constraints?: readonly string[];
  /** Examples of good values. Default: none. */
  readonly examples?: readonly string[];
  /** Default: `"optimizer/updater"`. */
  readonly updaterAlias?: string;
  /** Default: unset. */
  readonly temperature?: number;
}

/**
 * Textual Gradient Descent (TextGrad's optimizer, with its known bugs fixed): each parameter is rewritten from
 * its feedback by an updater model whose prompt carries the role, the current value, the feedback items,
 * momentum that really reaches the prompt (the last `momentum` values with the feedback they got, what they
 * became and how that scored), constraints and examples. The new value is read from between
 * `<IMPROVED_VARIABLE>` tags; a reply without them gets one repair turn, and when that fails too the old value
 * is kept and an `optimizer.parameter.kept` event (reason `parse_failed`) is emitted. Ordering, bounded
 * feedback and the commit policy come from {@link Optimizer}.
 *
 * @example
 * ```ts
 * const optimizer = new TGDOptimizer(model.parameters(), {
 *   resources, momentum: 2, constraints: ["Keep it under 80 words."],
 * });
 * ```
 */
export class TGDOptimizer extends Optimizer {
  readonly momentum: number;
  readonly constraints: readonly string[];
  readonly examples: readonly string[];
  readonly updaterAlias: string;
  readonly temperature: number | undefined;

  constructor(parameters: Iterable<Parameter>, options: TGDOptimizerOptions = {}) {
    const { momentum, constraints, examples, updaterAlias, temperature, ...rest } = options;
    super(parameters, rest);
    this.momentum = momentum ?? 0;
    if (!(Number.isInteger(this.momentum) && this.momentum >= 0)) {
      throw new OptimizationError(`momentum must be an integer >= 0, got ${this.momentum}`);
    }
    this.constraints = constraints ?? [];
    this.examples = examples ?? [];
    this.updaterAlias = updaterAlias ?? UPDATER_ALIAS;
    this.temperature = temperature;
  }

  protected async proposeUpdate(request: UpdateRequest): Promise<UpdateOutcome> {
    const { parameter, key, runtime, signal } = request;
    const user = tgdPrompt({
      key,
      description: parameter.description,
      value: parameter.value,
      feedback: request.feedback.items,
      upstream: request.upstream,
      past: this.momentum > 0 ? this.historyOf(key).slice(-this.momentum) : [],
      constraints: this.constraints,
      examples: this.examples,
    });
    const ask = (history: { role: "assistant" | "user"; content: string }[]) =>
      callModel(runtime, {
        alias: this.updaterAlias,
        system: TGD_SYSTEM_PROMPT,
        user,
        history,
        // A new sample per step: the same prompt in a later step is not served from the response cache.
        sampleId: `step${request.step}:${key}:${history.length === 0 ? "update" : "repair"}`,
        ...(this.temperature === undefined ? {} : { temperature: this.temperature }),
        context: { modulePath: key },
        ...(signal ? { signal } : {}),
      });
    const first = (await ask([])).text;
    const parsed = parseImproved(first);
    const value = parsed === undefined ? undefined : valueFromText(parameter.value, parsed);
    if (value) return value;
    const second = (
      await ask([
        { role: "assistant", content: first.trim() === "" ? "(empty reply)" : first },
        { role: "user", content: REPAIR_PROMPT },
      ])
    ).text;
    const repaired = parseImproved(second);
    const repairedValue = repaired === undefined ? undefined : valueFromText(parameter.value, repaired);
    return repairedValue ?? { kept: "parse_failed", reply: second };
  }
}
