import { OptimizationError, type Parameter } from "@weft/core";
import type { Runtime } from "@weft/execution";
import type { Aggregate } from "../feedback/bound-feedback.js";
import { callModel } from "../llm/model-runtime.js";
import { Optimizer } from "./optimizer.js";
import type { OptimizerOptions, UpdateOutcome, UpdateRequest } from "./optimizer-types.js";
import { valueFromText } from "./parameter-text.js";
import {
  AGGREGATOR_SYSTEM_PROMPT,
  aggregationPrompt,
  UPDATER_SYSTEM_PROMPT,
  updatePrompt,
} from "./sfa-prompts.js";

/** Default alias of the model that merges feedback items (plait-spec 9.7). */
export const AGGREGATOR_ALIAS = "optimizer/aggregator";
/** Default alias of the model that writes new parameter values (plait-spec 9.7). */
export const UPDATER_ALIAS = "optimizer/updater";

/** Options of an {@link SFAOptimizer}. */
export interface SFAOptimizerOptions extends OptimizerOptions {
  /** How small the changes are: 0 = aggressive rewrites, 1 = minimal changes; in [0, 1]. Default: 0.7. */
  readonly conservatism?: number;
  /** Extra attempts after an empty update reply; >= 0. Default: 3. */
  readonly maxRetries?: number;
  /** Default: `"optimizer/aggregator"`. */
  readonly aggregatorAlias?: string;
  /** Default: `"optimizer/updater"`. */
  readonly updaterAlias?: string;
  /** Sampling temperature of updates (retries then ask for fresh samples). Default: unset. */
  readonly temperature?: number;
}

/**
 * Stochastic Feedback Ascent (plait-spec 9.8): parameters are updated level by level in the topological order
 * of the captured graphs, in parallel within a level; each parameter's feedback is merged by an aggregator
 * model (when there are several items) and rewritten by an updater model with weft's XML-tagged prompts,
 * which show the hierarchical parameter name, the conservatism and, downstream, the upstream parameters'
 * values before and after this step. An empty reply is retried `maxRetries` times (each a fresh sample),
 * then the step fails with OptimizationError (and is reverted).
 *
 * @example
 * ```ts
 * const optimizer = new SFAOptimizer(model.parameters(), { resources, conservatism: 0.5 });
 * optimizer.zeroFeedback();
 * // ... runBatch in training mode, loss.evaluate, backward ...
 * const { updates } = await optimizer.step();
 * ```
 */
export class SFAOptimizer extends Optimizer {
  readonly conservatism: number;
  readonly maxRetries: number;
  readonly aggregatorAlias: string;
  readonly updaterAlias: string;
  readonly temperature: number | undefined;

  constructor(parameters: Iterable<Parameter>, options: SFAOptimizerOptions = {}) {
    const { conservatism, maxRetries, aggregatorAlias, updaterAlias, temperature, ...rest } = options;
    super(parameters, rest);
    this.conservatism = conservatism ?? 0.7;
    this.maxRetries = maxRetries ?? 3;
    if (!(this.conservatism >= 0 && this.conservatism <= 1)) {
      throw new OptimizationError(`conservatism must be in [0, 1], got ${this.conservatism}`);
    }
    if (!(Number.isInteger(this.maxRetries) && this.maxRetries >= 0)) {
      throw new OptimizationError(`maxRetries must be an integer >= 0, got ${this.maxRetries}`);
    }
    this.aggregatorAlias = aggregatorAlias ?? AGGREGATOR_ALIAS;
    this.updaterAlias = updaterAlias ?? UPDATER_ALIAS;
    this.temperature = temperature;
  }

  protected override aggregatorFor(
    parameter: Parameter,
    runtime: Runtime,
    signal: AbortSignal | undefined,
  ): Aggregate {
    return async (items) =>
      (
        await callModel(runtime, {
          alias: this.aggregatorAlias,
          system: AGGREGATOR_SYSTEM_PROMPT,
          user: aggregationPrompt(this.keyOf(parameter), parameter.description, parameter.value, items),
          context: { modulePath: this.keyOf(parameter) },
          ...(signal ? { signal } : {}),
        })
      ).text.trim();
  }

  protected async proposeUpdate(request: UpdateRequest): Promise<UpdateOutcome> {
    const { parameter, key, feedback, upstream, runtime, signal } = request;
    const items = feedback.items;
    const aggregated =
      items.length === 0
        ? undefined
        : items.length === 1
          ? items[0]
          : await this.aggregatorFor(parameter, runtime, signal)(items);
    const user = updatePrompt(
      key,
      parameter.description,
      parameter.value,
      aggregated,
      upstream,
      this.conservatism,
    );
    const attempts = this.maxRetries + 1;
    for (let attempt = 0; attempt < attempts; attempt++) {
      const { text } = await callModel(runtime, {
        alias: this.updaterAlias,
        system: UPDATER_SYSTEM_PROMPT,
        user,
        ...(this.temperature === undefined ? {} : { temperature: this.temperature }),
        // A new sample per step and attempt: a retry, or the same prompt in a later step, is not served from the cache.
        sampleId: `step${request.step}:${key}:attempt${attempt}`,
        context: { modulePath: key },
        ...(signal ? { signal } : {}),
      });
      const trimmed = text.trim();
      if (trimmed === "") continue;
      const parsed = valueFromText(parameter.value, trimmed);
      if (parsed) return parsed;
    }
    throw new OptimizationError(
      `The updater returned no usable value for "${key}" after ${attempts} attempt(s)`,
      {
        parameterName: key,
        attempts,
      },
    );
  }
}
