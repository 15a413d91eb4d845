import type { ResourceConfigInput } from "@weft/resources";
import { VerifierLoss } from "../losses/verifier-loss.js";
import type { Example } from "../training/evaluate-set.js";
import { criticModel } from "./critic-model.js";
import { OrderPipeline, type OrderPipelineOptions } from "./order-pipeline.js";
import { generateOrders, type Order, readTotal } from "./order-world.js";
import type { SimulatedModel } from "./simulated-model.js";
import { answererModel, extractorModel, type TaskNoise } from "./task-models.js";
import { aggregatorModel, type UpdaterOptions, updaterModel } from "./updater-model.js";

/** Options of {@link createSimulation}. */
export interface SimulationOptions {
  /** Seeds the data and every model's noise. Default: 1. */
  readonly seed?: number;
  /** Default: 24. */
  readonly trainSize?: number;
  /** Default: 24. */
  readonly validationSize?: number;
  /** Held-out orders, never seen by the optimizer. Default: 40. */
  readonly testSize?: number;
  /** Default: 3% dropped lines, 3% addition slips. */
  readonly noise?: TaskNoise;
  /** Default: the updater applies the fixes its prompt names. */
  readonly updater?: UpdaterOptions;
}

/** An offline optimization problem: models, data, the program and its loss. */
export interface Simulation {
  readonly models: {
    readonly extract: SimulatedModel;
    readonly answer: SimulatedModel;
    readonly critic: SimulatedModel;
    readonly aggregator: SimulatedModel;
    readonly updater: SimulatedModel;
  };
  /** A resource config serving `extract`, `answer` and the optimizer aliases with the models above. */
  readonly resources: ResourceConfigInput;
  readonly train: readonly Example[];
  readonly validation: readonly Example[];
  readonly test: readonly Example[];
  /** A fresh program with the initial prompts. */
  createPipeline(options?: OrderPipelineOptions): OrderPipeline;
  /** Exact match of the answer's total with the order's (to 0.011 kg); the failure says both. */
  readonly loss: VerifierLoss;
}

const toExample = (order: Order): Example => ({ input: order.note, target: order.total });

/**
 * An offline, prompt-sensitive optimization problem, for testing optimizers without a model or the network:
 * total the weight of grocery orders written as notes, with a two-stage program (`OrderPipeline`).
 *
 * - The task models' accuracy depends only on what their system prompts teach, matched by meaning through
 *   synonyms and paraphrases (converting units, leaving out cancelled lines, reading and writing JSON), with
 *   irreducible noise and an initial instruction that hurts (rounding).
 * - The critic diagnoses a failure only from evidence in the critique prompt it receives: it names a mistake
 *   only when it explains the gap between the output and the expected total, which it learns only from the
 *   downstream feedback.
 * - The updater applies only fixes named in its prompt (the feedback, and the upstream before/after of an SFA
 *   prompt); the aggregator keeps the fixes items name.
 * - The second stage misreads product names with a number ("3-bean mix") in the line format; the fix is for
 *   the first stage to write JSON, which the second stage must be told in the same step, so the order of
 *   updates matters.
 *
 * @example
 * ```ts
 * const sim = simulation.createSimulation({ seed: 3 });
 * const model = sim.createPipeline();
 * const optimizer = new SFAOptimizer(model.parameters(), { resources: sim.resources, propagation: textualGradients() });
 * await train({ module: model, loss: sim.loss, optimizer, trainSet: sim.train, validationSet: sim.validation, resources: sim.resources });
 * ```
 */
export function createSimulation(options: SimulationOptions = {}): Simulation {
  const seed = options.seed ?? 1;
  const sizes = [options.trainSize ?? 24, options.validationSize ?? 24, options.testSize ?? 40] as const;
  const orders = generateOrders(sizes[0] + sizes[1] + sizes[2], seed);
  const models = {
    extract: extractorModel(seed, options.noise),
    answer: answererModel(seed, options.noise),
    critic: criticModel(),
    aggregator: aggregatorModel(),
    updater: updaterModel({ seed, ...options.updater }),
  };
  const resources: ResourceConfigInput = {
    aliases: {
      extract: { model: models.extract },
      answer: { model: models.answer },
      "optimizer/backward": { model: models.critic },
      "optimizer/aggregator": { model: models.aggregator },
      "optimizer/updater": { model: models.updater },
    },
  };
  const loss = new VerifierLoss((output, target) => {
    const total = readTotal(String(output));
    const ok = total !== undefined && Math.abs(total - Number(target)) <= 0.011;
    return [ok, ok ? "" : `Expected a total of ${target} kg but the answer was "${String(output)}".`];
  });
  return {
    models,
    resources,
    train: orders.slice(0, sizes[0]).map(toExample),
    validation: orders.slice(sizes[0], sizes[0] + sizes[1]).map(toExample),
    test: orders.slice(sizes[0] + sizes[1]).map(toExample),
    createPipeline: (pipelineOptions) => new OrderPipeline(pipelineOptions),
    loss,
  };
}
