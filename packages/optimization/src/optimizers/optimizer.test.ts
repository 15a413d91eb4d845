import { LLMInference, Module, Parameter, type Value } from "@weft/core";
import { describe, expect, it } from "vitest";
import { backward } from "../backward/backward.js";
import { Feedback } from "../feedback/feedback.js";
import { recordRun } from "../tape/record-run.js";
import { echoModel, managerFor, TwoStage } from "../test-support/kit.js";
import { SFAOptimizer } from "./sfa-optimizer.js";

describe("Optimizer base (plait-spec 9.7)", () => {
  it("keys parameters by hierarchical name; a duplicate name gets name:id", () => {
    const model = new TwoStage();
    const loose = new Parameter("x", { description: "unnamed" });
    const optimizer = new SFAOptimizer([...model.parameters(), loose, model.first.systemPrompt as Parameter]);
    expect(optimizer.parameters).toHaveLength(3);
    expect(optimizer.parameters.map((p) => optimizer.keyOf(p))).toEqual([
      "first.systemPrompt",
      "second.systemPrompt",
      loose.id,
    ]);
    class Twin extends Module {
      a = new LLMInference({ alias: "t", systemPrompt: new Parameter("A", { description: "a" }) });
      forward(q: Value<string>) {
        return this.a.call(q);
      }
    }
    const [one, two] = [new Twin(), new Twin()].map((twin) => twin.a.systemPrompt as Parameter);
    const twins = new SFAOptimizer([one as Parameter, two as Parameter]);
    expect(twins.keyOf(two as Parameter)).toBe(`a.systemPrompt:${two?.id}`);
  });

  it("backward reports to the last optimizer constructed, bound or zeroed, unless one is activated", async () => {
    const { manager } = managerFor({ task: echoModel() });
    const model = new TwoStage().train();
    const first = new SFAOptimizer(model.parameters());
    const second = new SFAOptimizer(model.parameters());
    const propagate = async () => {
      const out = await recordRun(model, "q", { resources: manager });
      await backward(Feedback.from(new Feedback("x"), { tapeIds: [out.tapeId] }));
    };
    await propagate();
    expect([first.records.length, second.records.length]).toEqual([0, 1]);
    await first.activate(propagate);
    expect([first.records.length, second.records.length]).toEqual([1, 1]);
    first.zeroFeedback();
    expect(first.records).toHaveLength(0);
    expect(model.first.systemPrompt?.getAccumulatedFeedback()).toEqual([]);
    await propagate();
    expect([first.records.length, second.records.length]).toEqual([1, 1]);
    second.bind(manager);
    await propagate();
    expect(second.records).toHaveLength(2);
  });
});
