import { MetaKey } from "@weft/core";
import { describe, expect, it } from "vitest";
import { Feedback } from "../feedback/feedback.js";
import { recordRun } from "../tape/record-run.js";
import { echoModel, managerFor, TwoStage } from "../test-support/kit.js";
import { VerifierLoss } from "./verifier-loss.js";

const exact = new VerifierLoss((output, target) =>
  output === target ? [true, ""] : [false, `Expected "${target}" but got "${output}".`],
);

describe("VerifierLoss (plait-spec 9.3)", () => {
  it("a pass gives no improvements and score 1; a failure the message and score 0; meta.verifier", async () => {
    const pass = await exact.evaluate("Paris", { target: "Paris" });
    expect(pass).toBeInstanceOf(Feedback);
    expect([pass.payload, pass.score, pass.meta[MetaKey.verifier]]).toEqual([[], 1, true]);
    const fail = await exact.evaluate("Lyon", { target: "Paris" });
    expect([fail.actions, fail.score]).toEqual([['Expected "Paris" but got "Lyon".'], 0]);
  });

  it("accepts async verifiers returning { passed, message } and sees the context", async () => {
    const loss = new VerifierLoss(async (output, _target, context) => ({
      passed: String(output).includes(String(context)),
      message: `mention ${context}`,
    }));
    expect((await loss.evaluate("about cats", { context: "dogs" })).actions).toEqual(["mention dogs"]);
    expect((await loss.evaluate("about dogs", { context: "dogs" })).score).toBe(1);
  });

  it("copies the tape ids of the output it judged (plait LossModule.forward)", async () => {
    const { manager } = managerFor({ task: echoModel() });
    const out = await recordRun(new TwoStage().train(), "q", { resources: manager });
    const feedback = await exact.evaluate(out, { target: "something else" });
    expect(feedback.tapeIds).toEqual([out.tapeId]);
    expect(feedback.actions[0]).toContain("Expected");
  });
});
