// The example of packages/optimization/README.md, kept compiling and running here (the README copies it).
import { run, runBatch } from "@weft/execution";
import { describe, expect, it } from "vitest";
import {
  backward,
  commitIfNotWorse,
  evaluateSet,
  liveTapeIds,
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

    // One step by hand. In training mode a plain run returns outputs carrying their tape (the forward record).
    optimizer.zeroFeedback();
    model.train();
    const [first] = sim.train;
    const out = await run(model, first?.input as string, { resources });
    const loss = await sim.loss.evaluate(out, { target: first?.target });
    await loss.backward({ resources }); // critiques both stages for their prompts; releases the tape

    // A batch: each item has its own tape, and one backward pass critiques every stage, concurrently.
    const batch = sim.train.slice(1, 9);
    const items = await runBatch(
      model,
      batch.map((example) => example.input as string),
      { resources },
    );
    const feedback = await Promise.all(
      items.map((item, i) => sim.loss.evaluate(item, { target: batch[i]?.target })),
    );
    await backward(feedback, { resources });
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
    expect(liveTapeIds()).toEqual([]); // every tape was released by its backward pass
    expect(result.finalScore).toBeGreaterThanOrEqual(0.8);
  });
});
