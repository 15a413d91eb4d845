import { liveTapeIds, noGrad, run, runBatch } from "@weft/execution";
import { describe, expect, it } from "vitest";
import { backward } from "../backward/backward.js";
import { VerifierLoss } from "../losses/verifier-loss.js";
import { SFAOptimizer } from "../optimizers/sfa-optimizer.js";
import { echoModel, managerFor, TwoStage } from "../test-support/kit.js";

/** Fails every output, naming what to fix. */
const strict = new VerifierLoss(() => [false, "Answer in one word."]);

describe("backward from plain runs in training mode (no optimization wrapper)", () => {
  it("run() output -> loss -> feedback.backward() reaches the module's parameters, then the tape is released", async () => {
    const { manager } = managerFor({ task: echoModel() });
    const model = new TwoStage().train();
    const optimizer = new SFAOptimizer(model.parameters(), { resources: manager });
    const before = liveTapeIds().length;
    const out = await run(model, "Why?", { resources: manager });
    expect(liveTapeIds()).toHaveLength(before + 1);
    const loss = await strict.evaluate(out);
    expect(loss.tapeIds).toEqual([out.tapeId]);
    await loss.backward();
    for (const parameter of [model.first.systemPrompt, model.second.systemPrompt]) {
      const feedback = parameter?.getAccumulatedFeedback() ?? [];
      expect(feedback).toHaveLength(1);
      expect(feedback[0]).toContain("Answer in one word.");
    }
    expect(optimizer.records).toHaveLength(1);
    expect(liveTapeIds()).toHaveLength(before);
  });

  it("retainGraph keeps the tape for a second pass; the pass after that releases it", async () => {
    const { manager } = managerFor({ task: echoModel() });
    const model = new TwoStage().train();
    const out = await run(model, "Why?", { resources: manager });
    const loss = await strict.evaluate(out.values);
    await backward(loss, { optimizer: null, retainGraph: true });
    await backward(loss, { optimizer: null });
    expect(model.second.systemPrompt?.getAccumulatedFeedback()).toHaveLength(2);
    await expect(backward(loss, { optimizer: null })).rejects.toMatchObject({ reason: "unknown_tape" });
  });

  it("runBatch(): each item's loss propagates through its own tape, in one backward pass", async () => {
    const { manager } = managerFor({ task: echoModel() });
    const model = new TwoStage().train();
    const optimizer = new SFAOptimizer(model.parameters(), { resources: manager });
    const before = liveTapeIds().length;
    const items = await runBatch(model, ["a", "b", "c"], { resources: manager });
    const losses = await Promise.all(items.map((item) => strict.evaluate(item)));
    expect(losses.map((loss) => loss.tapeIds)).toEqual(items.map((item) => [item.result?.tapeId]));
    const report = await backward(losses);
    expect(report.records).toBe(3);
    expect(optimizer.records).toHaveLength(3);
    const contexts = model.first.systemPrompt?.getAccumulatedFeedback() ?? [];
    expect(contexts).toHaveLength(3);
    for (const input of ["a", "b", "c"])
      expect(contexts.some((text) => text.includes(`Question: ${input}`))).toBe(true);
    expect(liveTapeIds()).toHaveLength(before);
  });

  it("eval mode and noGrad give outputs without a tape: backward has nothing to walk", async () => {
    const { manager } = managerFor({ task: echoModel() });
    const evaluated = await run(new TwoStage(), "q", { resources: manager });
    await expect((await strict.evaluate(evaluated)).backward()).rejects.toMatchObject({ reason: "no_tape" });
    const quiet = await noGrad(() => run(new TwoStage().train(), "q", { resources: manager }));
    await expect((await strict.evaluate(quiet)).backward()).rejects.toMatchObject({ reason: "no_tape" });
  });
});
