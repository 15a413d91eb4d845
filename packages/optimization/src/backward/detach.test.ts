import { prompt, type Value } from "@weft/core";
import { MockLanguageModel } from "@weft/testing";
import { describe, expect, it } from "vitest";
import { Feedback } from "../feedback/feedback.js";
import { parameterOrder } from "../optimizers/parameter-graph.js";
import { recordRun } from "../tape/record-run.js";
import { echoModel, managerFor, TwoStage, userOf } from "../test-support/kit.js";
import { backward } from "./backward.js";
import { DETACH_OP, detach } from "./detach.js";
import { routing, textualGradients } from "./propagation.js";

/** The kit's two stages, with the draft reaching the second stage through `detach`. */
class DetachedTwoStage extends TwoStage {
  override forward(question: Value<string>) {
    const draft = this.first.call(prompt`Question: ${question}`);
    return this.second.call(prompt`Draft: ${detach(draft)}`);
  }
}

const feedbackFor = (tapeId: string | undefined) =>
  Feedback.from(new Feedback(["wrong answer"], { score: 0 }), { tapeIds: [tapeId] });

describe("detach", () => {
  it("keeps the forward output and the update order, but no feedback crosses it (either propagation)", async () => {
    const critic = new MockLanguageModel({ generate: () => '["be more specific"]' });
    const { manager } = managerFor({ task: echoModel(), "optimizer/backward": critic });
    const plain = await recordRun(new TwoStage().train(), "Why?", { resources: manager });
    for (const propagation of [textualGradients(), routing()]) {
      const pipeline = new DetachedTwoStage().train();
      const out = await recordRun(pipeline, "Why?", { resources: manager });
      expect(String(out.output)).toBe(String(plain.output));
      expect([...out.graph.order].some((id) => out.graph.node(id).label === DETACH_OP)).toBe(true);
      const order = parameterOrder(pipeline.parameters(), [out.record as never]);
      expect(order.levels.map((level) => level.map((p) => p.hierarchicalName))).toEqual([
        ["first.systemPrompt"],
        ["second.systemPrompt"],
      ]);
      await backward(feedbackFor(out.tapeId), { resources: manager, propagation, optimizer: null });
      expect(pipeline.second.systemPrompt?.getAccumulatedFeedback().length).toBe(1);
      expect(pipeline.first.systemPrompt?.getAccumulatedFeedback()).toEqual([]);
    }
    // Textual gradients critiqued only the second stage's own prompt: no upstream-output variable.
    expect(critic.calls.map((call) => /kind="([^"]+)"/.exec(userOf(call.request))?.[1])).toEqual([
      "system-prompt",
    ]);
  });

  it("returns the value itself outside a trace", () => {
    const value = { kind: "text" } as unknown as Value;
    expect(detach(value)).toBe(value);
  });
});
