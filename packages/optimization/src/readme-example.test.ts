// The example of packages/optimization/README.md, kept compiling and running here (the README copies it).
import { describe, expect, it } from "vitest";
import {
  backward,
  commitIfNotWorse,
  evaluateSet,
  recordBatch,
  SFAOptimizer,
  simulation,
  textualGradients,
  train,
} from "./index.js";

describe("README example", () => {
  it("runs one step by hand, then the training loop", async () => {
    // An offline problem: a two-stage program, its data, a loss, and simulated models behind every alias.
    const sim = simulation.createSimulation({ seed: 1 });
    const model = sim.createPipeline();
    const { resources } = sim;

    const optimizer = new SFAOptimizer(model.parameters(), { resources, propagation: textualGradients() });
    const keepIfBetter = commitIfNotWorse({
      evaluate: () => evaluateSet(model, sim.loss, sim.validation, { resources }),
    });

    // One step by hand: forward in training mode, loss, backward, step.
    const batch = sim.train.slice(0, 8);
    optimizer.zeroFeedback();
    model.train();
    const outputs = await recordBatch(
      model,
      batch.map((example) => example.input as string),
      { resources },
    );
    const feedback = await Promise.all(
      outputs.map((output, i) => sim.loss.evaluate(output, { target: batch[i]?.target })),
    );
    await backward(feedback, { resources }); // critiques every stage, concurrently
    const step = await optimizer.step({ commit: keepIfBetter });
    console.log(step.committed, step.score, model.stateDict());

    // Or the loop: epochs, batches, validation-gated steps, checkpoints, early stopping, one budget.
    const result = await train({
      resources,
      module: model,
      loss: sim.loss,
      optimizer,
      trainSet: sim.train,
      validationSet: sim.validation,
      epochs: 2,
      batchSize: 8,
    });
    console.log(result.initialScore, "->", result.finalScore);

    expect(step.committed).toBe(true);
    expect(result.finalScore).toBeGreaterThanOrEqual(0.8);
  });
});
