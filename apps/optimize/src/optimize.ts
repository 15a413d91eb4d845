import { EventBus } from "@weft/core";
import {
  evaluateSet,
  type OptimizationEvent,
  SFAOptimizer,
  simulation,
  TGDOptimizer,
  textualGradients,
  train,
} from "@weft/optimization";
import { BudgetTracker, ResourceManager } from "@weft/resources";
import { openBackend } from "./backends.js";
import { loadOrders } from "./dataset.js";
import type { OptimizeOptions } from "./options.js";

/** What a run of the app found. */
export interface OptimizeSummary {
  readonly validationBefore: number;
  readonly validationAfter: number;
  readonly testBefore: number;
  readonly testAfter: number;
  readonly prompts: Record<string, unknown>;
  readonly stoppedBy: string;
  /** Chat requests the mock server answered (over HTTP); `undefined` with a real provider. */
  readonly httpRequests: number | undefined;
}

const pct = (score: number) => `${(score * 100).toFixed(0)}%`;

/**
 * Optimizes the two prompts of the order-totals pipeline on the bundled dataset: measures validation and
 * held-out accuracy, trains with textual gradients and the chosen optimizer (steps kept only when validation
 * does not drop), and measures again. Prints as it goes through `print`.
 */
export async function optimize(
  options: OptimizeOptions,
  print: (line: string) => void,
): Promise<OptimizeSummary> {
  const data = loadOrders();
  const backend = await openBackend(options);
  try {
    const manager = new ResourceManager(backend.resources);
    const budget = backend.paid
      ? new BudgetTracker({ maxUsd: options.budgetUsd, label: "optimize" })
      : undefined;
    const settings = { resources: manager, ...(budget ? { budget } : {}) };
    print(`weft optimize: ${backend.description}`);
    print(
      `data: ${data.train.length} training, ${data.validation.length} validation, ${data.test.length} held-out orders`,
    );
    const model = new simulation.OrderPipeline();
    const loss = simulation.createSimulation().loss;
    const testBefore = await evaluateSet(model, loss, data.test, settings);
    const optimizerOptions = { ...settings, propagation: textualGradients() };
    const optimizer =
      options.optimizer === "tgd"
        ? new TGDOptimizer(model.parameters(), { ...optimizerOptions, momentum: 2 })
        : new SFAOptimizer(model.parameters(), optimizerOptions);
    const events = new EventBus<OptimizationEvent>();
    events.on("training.started", (e) => print(`validation accuracy before: ${pct(e.score ?? 0)}`));
    events.on("training.batch", (e) =>
      print(
        `epoch ${e.epoch + 1} batch ${e.batch + 1}: training accuracy ${pct(e.trainScore)}, step ${e.step} ` +
          `${e.committed ? "kept" : "reverted"}${e.score === undefined ? "" : ` (validation ${pct(e.score)})`}`,
      ),
    );
    const result = await train({
      ...settings,
      module: model,
      loss,
      optimizer,
      trainSet: data.train,
      validationSet: data.validation,
      epochs: options.epochs,
      batchSize: options.batchSize,
      shuffleSeed: options.seed,
      events,
    });
    const testAfter = await evaluateSet(model, loss, data.test, settings);
    print(`validation accuracy after: ${pct(result.finalScore ?? 0)} (stopped: ${result.stoppedBy})`);
    print(`held-out accuracy: ${pct(testBefore)} -> ${pct(testAfter)}`);
    if (budget) print(`spent: $${budget.spent.usd.toFixed(4)} in ${budget.spent.calls} calls`);
    const httpRequests = backend.requestCount();
    if (httpRequests !== undefined)
      print(`model calls answered by the mock server over HTTP: ${httpRequests}`);
    print("final prompts:");
    for (const [name, value] of Object.entries(result.state)) print(`  ${name}: ${String(value)}`);
    return {
      validationBefore: result.initialScore ?? 0,
      validationAfter: result.finalScore ?? 0,
      testBefore,
      testAfter,
      prompts: result.state,
      stoppedBy: result.stoppedBy,
      httpRequests,
    };
  } finally {
    await backend.close();
  }
}
