import { MockLanguageModel } from "@weft/testing";
import { describe, expect, it } from "vitest";
import { managerFor, userOf } from "../test-support/kit.js";
import { CompositeLoss } from "./composite-loss.js";
import { LLMJudge } from "./llm-judge.js";
import { VerifierLoss } from "./verifier-loss.js";

const failing = new VerifierLoss(() => [false, "too long"]);
const passing = new VerifierLoss(() => [true, ""]);

describe("CompositeLoss (plait-spec 9.3)", () => {
  it("weights the scores of the parts that have one: fail (0.25) + pass (0.75) gives 0.75", async () => {
    const feedback = await new CompositeLoss([
      [failing, 0.25],
      [passing, 0.75],
    ]).evaluate("x");
    expect(feedback.score).toBe(0.75);
    expect(feedback.actions).toEqual(["[Weight: 0.25] too long"]);
  });

  it("leaves out parts without a score, and has none when no part scores", async () => {
    const judge = new MockLanguageModel({ generate: () => '["Cite sources.", "Fix typos."]' });
    const { manager } = managerFor({ judge });
    const withJudge = await new CompositeLoss([
      [new LLMJudge(), 2],
      [failing, 1],
    ]).evaluate("x", { resources: manager });
    expect(withJudge.score).toBe(0);
    expect(withJudge.actions).toEqual(["[Weight: 2] Cite sources. | Fix typos.", "[Weight: 1] too long"]);
    const unscored = await new CompositeLoss([[new LLMJudge(), 1]]).evaluate("x", { resources: manager });
    expect(unscored.score).toBeUndefined();
  });

  it("with an aggregator, a model merges the weighted parts and the weighted score is kept", async () => {
    const merger = new MockLanguageModel({ generate: () => '["Shorten the answer."]' });
    const { manager } = managerFor({ merge: merger });
    const feedback = await new CompositeLoss(
      [
        [failing, 1],
        [passing, 3],
      ],
      { aggregatorAlias: "merge" },
    ).evaluate("x", { resources: manager });
    expect([feedback.actions, feedback.score]).toEqual([["Shorten the answer."], 0.75]);
    expect(merger.calls[0] ? userOf(merger.calls[0].request) : "").toBe(
      'Merge these evaluations of one output:\n\n[Weight: 1]\n[["too long"]]\n\n[Weight: 3]\n[]',
    );
  });

  it("rejects weights that are negative, not finite or all zero", () => {
    expect(() => new CompositeLoss([[passing, -1]])).toThrow(/weights/);
    expect(() => new CompositeLoss([[passing, 0]])).toThrow(/weights/);
    expect(() => new CompositeLoss([])).toThrow(/weights/);
  });
});
