import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EventBus } from "@weft/core";
import { liveTapeIds, runBatch } from "@weft/execution";
import { BudgetTracker } from "@weft/resources";
import { describe, expect, it } from "vitest";
import { textualGradients } from "../backward/propagation.js";
import type { OptimizationEvent } from "../events/optimization-events.js";
import { SFAOptimizer } from "../optimizers/sfa-optimizer.js";
import { TGDOptimizer } from "../optimizers/tgd-optimizer.js";
import { createSimulation } from "../simulation/create-simulation.js";
import { OrderPipeline } from "../simulation/order-pipeline.js";
import { evaluateSet } from "./evaluate-set.js";
import { train } from "./train.js";

describe("train (plait-spec 9.9)", () => {
  it("improves validation and held-out accuracy, saves the parameters after each committed step, reports progress", async () => {
    const sim = createSimulation({ seed: 4 });
    const model = sim.createPipeline();
    const settings = { resources: sim.resources };
    const before = await evaluateSet(model, sim.loss, sim.test, settings);
    const optimizer = new SFAOptimizer(model.parameters(), { ...settings, propagation: textualGradients() });
    const events = new EventBus<OptimizationEvent>();
    const seen: OptimizationEvent["type"][] = [];
    events.onAny((event) => seen.push(event.type));
    const saved: Record<string, unknown>[] = [];
    const path = join(await mkdtemp(join(tmpdir(), "weft-train-")), "prompts.json");
    const tapes = liveTapeIds().length;
    const result = await train({
      ...settings,
      module: model,
      loss: sim.loss,
      optimizer,
      trainSet: sim.train,
      validationSet: sim.validation,
      epochs: 2,
      batchSize: 8,
      shuffleSeed: 4,
      checkpointPath: path,
      onCheckpoint: (state) => {
        saved.push(state);
      },
      events,
    });
    expect(result.stoppedBy).toBe("completed");
    expect(result.steps).toHaveLength(6);
    expect(result.finalScore).toBeGreaterThan((result.initialScore ?? 1) + 0.3);
    expect(await evaluateSet(model, sim.loss, sim.test, settings)).toBeGreaterThan(before + 0.3);
    const committed = result.steps.filter((step) => step.committed && step.updates.size > 0);
    expect(saved).toHaveLength(committed.length);
    expect(JSON.parse(await readFile(path, "utf8"))).toEqual(model.stateDict());
    expect(result.state).toEqual(model.stateDict());
    expect(seen[0]).toBe("training.started");
    expect(seen.at(-1)).toBe("training.finished");
    expect(seen.filter((type) => type === "training.batch")).toHaveLength(6);
    expect(seen.filter((type) => type === "training.checkpoint")).toHaveLength(committed.length);
    expect(liveTapeIds().length).toBe(tapes);
    expect(model.training).toBe(false);
  });

  it("an optimized module's stateDict, saved to JSON and loaded into a fresh instance, reproduces its outputs", async () => {
    const sim = createSimulation({ seed: 6 });
    const model = sim.createPipeline();
    const optimizer = new SFAOptimizer(model.parameters(), {
      resources: sim.resources,
      propagation: textualGradients(),
    });
    await train({
      resources: sim.resources,
      module: model,
      loss: sim.loss,
      optimizer,
      trainSet: sim.train,
      validationSet: sim.validation,
      batchSize: 8,
    });
    const json = JSON.stringify(model.stateDict());
    expect(json).not.toBe(JSON.stringify(new OrderPipeline().stateDict()));
    const fresh = new OrderPipeline();
    fresh.loadStateDict(JSON.parse(json) as Record<string, unknown>);
    const inputs = sim.test.map((example) => example.input as string);
    const outputs = async (pipeline: OrderPipeline) =>
      (await runBatch(pipeline, inputs, { resources: sim.resources })).map((item) => item.output);
    expect(await outputs(fresh)).toEqual(await outputs(model));
    expect(await outputs(fresh)).not.toEqual(await outputs(new OrderPipeline()));
  });

  it("works with the TGD optimizer too", async () => {
    const sim = createSimulation({ seed: 7 });
    const model = sim.createPipeline();
    const optimizer = new TGDOptimizer(model.parameters(), {
      resources: sim.resources,
      propagation: textualGradients(),
    });
    const result = await train({
      resources: sim.resources,
      module: model,
      loss: sim.loss,
      optimizer,
      trainSet: sim.train,
      validationSet: sim.validation,
      batchSize: 8,
    });
    expect(result.finalScore).toBeGreaterThan((result.initialScore ?? 1) + 0.3);
  });

  it("stops early after `patience` steps without improvement", async () => {
    const sim = createSimulation({ seed: 2 });
    // No feedback reaches the first stage, so no step can fix anything.
    const model = sim.createPipeline({ detached: true });
    const optimizer = new SFAOptimizer(model.parameters(), {
      resources: sim.resources,
      propagation: textualGradients(),
    });
    const result = await train({
      resources: sim.resources,
      module: model,
      loss: sim.loss,
      optimizer,
      trainSet: sim.train,
      validationSet: sim.validation,
      batchSize: 4,
      epochs: 3,
      patience: 2,
    });
    expect([result.stoppedBy, result.steps.length]).toEqual(["early_stopping", 2]);
    expect(result.finalScore).toBe(result.initialScore);
  });

  it("stops gracefully when the run's budget is spent, keeping the committed parameters", async () => {
    const sim = createSimulation({ seed: 3 });
    const model = sim.createPipeline();
    const optimizer = new SFAOptimizer(model.parameters(), {
      resources: sim.resources,
      propagation: textualGradients(),
    });
    const budget = new BudgetTracker({ maxCalls: 150 });
    const tapes = liveTapeIds().length;
    let saved = new OrderPipeline().stateDict();
    const result = await train({
      resources: sim.resources,
      budget,
      module: model,
      loss: sim.loss,
      optimizer,
      trainSet: sim.train,
      validationSet: sim.validation,
      batchSize: 8,
      epochs: 3,
      onCheckpoint: (state) => {
        saved = state;
      },
    });
    expect(result.stoppedBy).toBe("budget");
    expect(result.steps.length).toBeLessThan(9);
    // Every call of the run, the optimizer's included, was counted and refused past the cap.
    expect(budget.spent.calls).toBe(150);
    const made = Object.values(sim.models).reduce((sum, m) => sum + m.requests.length, 0);
    expect(made).toBe(150);
    expect(sim.models.updater.requests.length).toBeGreaterThan(0);
    expect(model.stateDict()).toEqual(saved);
    expect(liveTapeIds().length).toBe(tapes);
  });
});
