import {
  LeafModule,
  LLMInference,
  Module,
  OptimizationError,
  Parameter,
  prompt,
  type Value,
} from "@weft/core";
import { type ForwardRecord, liveTapeIds, noGrad } from "@weft/execution";
import { MockLanguageModel } from "@weft/testing";
import { describe, expect, it } from "vitest";
import { BackwardError } from "../errors/backward-error.js";
import { Feedback } from "../feedback/feedback.js";
import { recordBatch, recordRun } from "../tape/record-run.js";
import { echoModel, managerFor, TwoStage } from "../test-support/kit.js";
import { backward } from "./backward.js";
import type { BackwardContext, BackwardResult, FeedbackSink } from "./backward-types.js";

const tagged = (tapeId: string | undefined, actions: unknown, score?: number) =>
  Feedback.from(new Feedback(actions, score === undefined ? {} : { score }), { tapeIds: [tapeId] });

function sink(): FeedbackSink & { records: ForwardRecord[] } {
  const records: ForwardRecord[] = [];
  return { records, propagation: undefined, captureRecord: (record) => records.push(record) };
}

describe("backward: routing (plait-spec 9.5)", () => {
  it("routes the output's feedback to every learnable system prompt upstream, with the call's context", async () => {
    const { manager } = managerFor({ task: echoModel() });
    const model = new TwoStage().train();
    const out = await recordRun(model, "Why?", { resources: manager });
    const report = await backward(tagged(out.tapeId, ["Be shorter."], 0.2), {
      resources: manager,
      optimizer: null,
    });
    expect([report.records, report.calls]).toEqual([1, 0]);
    const second = model.second.systemPrompt?.getAccumulatedFeedback() ?? [];
    const first = model.first.systemPrompt?.getAccumulatedFeedback() ?? [];
    expect([first.length, second.length]).toEqual([1, 1]);
    expect(second[0]).toContain(
      '"second.systemPrompt" of a language-model call, currently "Polish the draft."',
    );
    expect(second[0]).toContain("How the second stage polishes");
    expect(second[0]).toContain("Input of the call: Draft: <Draft an answer.|Question: Why?>");
    expect(second[0]).toContain("- Be shorter.\nScore: 0.2");
    expect(first[0]).toContain("Output of the call: <Draft an answer.|Question: Why?>");
    expect(report.parameterFeedback.get("first.systemPrompt")).toEqual(first);
  });

  it("a leaf without its own backward passes the feedback to its inputs; long context is cut to 500 characters", async () => {
    class Upper extends LeafModule {
      forward(text: string) {
        return text.toUpperCase();
      }
    }
    class WithLeaf extends Module {
      llm = new LLMInference({ alias: "task", systemPrompt: new Parameter("S", { description: "s" }) });
      upper = new Upper();
      forward(q: Value<string>) {
        return this.upper.call(this.llm.call(q));
      }
    }
    const { manager } = managerFor({ task: echoModel() });
    const model = new WithLeaf().train();
    const out = await recordRun(model, "x".repeat(600), { resources: manager });
    await backward(tagged(out.tapeId, "louder"), { optimizer: null });
    const [text] = model.llm.systemPrompt?.getAccumulatedFeedback() ?? [];
    expect(text).toContain("- louder");
    expect(text).toContain(`Input of the call: ${"x".repeat(500)}...`);
  });

  it("a passing feedback (no improvements, score 1) propagates nothing", async () => {
    const { manager } = managerFor({ task: echoModel() });
    const model = new TwoStage().train();
    const out = await recordRun(model, "q", { resources: manager });
    await backward(tagged(out.tapeId, [], 1), { optimizer: null });
    expect(model.second.systemPrompt?.getAccumulatedFeedback()).toEqual([]);
  });

  it("a learnable parameter interpolated in a prompt gets feedback saying what it built", async () => {
    class Templated extends Module {
      rules = new Parameter("Use metric units.", { description: "Rules added to every question" });
      llm = new LLMInference({ alias: "task" });
      forward(q: Value<string>) {
        return this.llm.call(prompt`${this.rules}\n${q}`);
      }
    }
    const { manager } = managerFor({ task: echoModel() });
    const model = new Templated().train();
    const out = await recordRun(model, "How far?", { resources: manager });
    await backward(tagged(out.tapeId, "Give miles too."), { optimizer: null });
    const [text] = model.rules.getAccumulatedFeedback();
    expect(text).toContain('"rules", currently "Use metric units."');
    expect(text).toContain('It was used to build "prompt": Use metric units.\nHow far?');
    expect(text).toContain("- Give miles too.");
  });

  it("resolves input keys by position ('1', 'arg_1'), by field name, and matches parameters by suffix", async () => {
    const seen: BackwardContext[] = [];
    class Merge extends LeafModule {
      style = new Parameter("plain", { description: "Merge style" });
      forward(a: string, b: { x: string; y: string }) {
        return `${a}+${b.x}+${b.y}`;
      }
      backward(feedback: Value, context: BackwardContext): BackwardResult {
        seen.push(context);
        return {
          inputFeedback: { arg_1: ["for b"], 0: feedback },
          parameterFeedback: { style: "merge more carefully" },
        };
      }
    }
    class Graph extends Module {
      left = new LLMInference({ alias: "task", systemPrompt: new Parameter("L", { description: "left" }) });
      x = new LLMInference({ alias: "task", systemPrompt: new Parameter("X", { description: "x" }) });
      y = new LLMInference({ alias: "task", systemPrompt: new Parameter("Y", { description: "y" }) });
      merge = new Merge();
      forward(q: Value<string>) {
        return this.merge.call(this.left.call(q), { x: this.x.call(q), y: this.y.call(q) });
      }
    }
    const { manager } = managerFor({ task: echoModel() });
    const model = new Graph().train();
    const out = await recordRun(model, "q", { resources: manager });
    await backward(tagged(out.tapeId, "wrong"), { optimizer: null });
    expect(model.merge.style.getAccumulatedFeedback()).toEqual(["merge more carefully"]);
    expect(model.left.systemPrompt?.getAccumulatedFeedback()[0]).toContain("- wrong");
    expect(model.x.systemPrompt?.getAccumulatedFeedback()[0]).toContain("- for b");
    expect(model.y.systemPrompt?.getAccumulatedFeedback()[0]).toContain("- for b");
    expect(Object.keys(seen[0]?.inputs ?? {})).toEqual(["0", "1"]);
    expect(seen[0]?.downstreamFeedback.length).toBe(1);
  });

  it("a custom backward can ask the reasoning model, and fails the pass without one", async () => {
    class Thinker extends LeafModule {
      forward(x: string) {
        return x;
      }
      async backward(_feedback: Value, context: BackwardContext): Promise<BackwardResult> {
        return { inputFeedback: { 0: await context.reason("why?") } };
      }
    }
    class Graph extends Module {
      llm = new LLMInference({ alias: "task", systemPrompt: new Parameter("S", { description: "s" }) });
      think = new Thinker();
      forward(q: Value<string>) {
        return this.think.call(this.llm.call(q));
      }
    }
    const reasoner = new MockLanguageModel({ generate: () => "because" });
    const { manager } = managerFor({ task: echoModel(), reasoner });
    const model = new Graph().train();
    const first = await recordRun(model, "q", { resources: manager });
    const error = await backward(tagged(first.tapeId, "x"), { optimizer: null }).catch((e: unknown) => e);
    expect(BackwardError.is(error) && error.reason).toBe("failed");
    expect(OptimizationError.is((error as BackwardError).cause)).toBe(true);
    expect(model.llm.systemPrompt?.getAccumulatedFeedback()).toEqual([]);
    expect(liveTapeIds()).toContain(first.tapeId);
    await backward(tagged(first.tapeId, "x"), {
      resources: manager,
      reasoningAlias: "reasoner",
      optimizer: null,
    });
    expect(model.llm.systemPrompt?.getAccumulatedFeedback()[0]).toContain("- because");
  });
});

describe("backward: tapes and grads (plait-spec 9.2, 9.6)", () => {
  it("releases tapes unless retainGraph; a released tape is an unknown_tape error", async () => {
    const { manager } = managerFor({ task: echoModel() });
    const model = new TwoStage().train();
    const out = await recordRun(model, "q", { resources: manager });
    const feedback = tagged(out.tapeId, "x");
    await backward(feedback, { optimizer: null, retainGraph: true });
    expect(liveTapeIds()).toContain(out.tapeId);
    await feedback.backward({ optimizer: null });
    expect(liveTapeIds()).not.toContain(out.tapeId);
    await expect(feedback.backward({ optimizer: null })).rejects.toMatchObject({ reason: "unknown_tape" });
  });

  it("outputs carry no tape in eval mode or inside noGrad: no_tape", async () => {
    const { manager } = managerFor({ task: echoModel() });
    const evalOut = await recordRun(new TwoStage(), "q", { resources: manager });
    expect(evalOut.tapeId).toBeUndefined();
    const quiet = await noGrad(() => recordRun(new TwoStage().train(), "q", { resources: manager }));
    expect([quiet.tapeId, quiet.record]).toEqual([undefined, undefined]);
    await expect(backward(quiet.values, { grad: "x" })).rejects.toMatchObject({ reason: "no_tape" });
  });

  it("a single Value's grad overrides it; a container takes one grad for all or one per tape", async () => {
    const { manager } = managerFor({ task: echoModel() });
    const model = new TwoStage().train();
    const items = await recordBatch(model, ["a", "b"], { resources: manager });
    const outputs = items.map((item) => item.values);
    await backward(outputs[0], { grad: "override", optimizer: null });
    expect(model.second.systemPrompt?.getAccumulatedFeedback()[0]).toContain("- override");
    model.second.systemPrompt?.zeroFeedback();
    const retained = await recordBatch(model, ["a", "b"], { resources: manager });
    const values = retained.map((item) => item.values);
    await expect(backward(values, { optimizer: null })).rejects.toMatchObject({ reason: "grad_required" });
    await expect(backward(values, { grad: ["one"], optimizer: null })).rejects.toMatchObject({
      reason: "grad_mismatch",
    });
    await expect(
      backward(values, { grad: { [retained[0]?.tapeId as string]: "only one" }, optimizer: null }),
    ).rejects.toMatchObject({ reason: "grad_mismatch" });
    await backward(values, { grad: ["for a", "for b"], optimizer: null, retainGraph: true });
    const perRecord = model.second.systemPrompt?.getAccumulatedFeedback() ?? [];
    expect(perRecord.map((text) => text.includes("- for a"))).toEqual([true, false]);
    expect(perRecord[1]).toContain("Question: b");
    model.second.systemPrompt?.zeroFeedback();
    const keyed = new Map([
      [retained[1]?.tapeId as string, "B"],
      [retained[0]?.tapeId as string, "A"],
    ]);
    await backward(values, { grad: keyed, optimizer: null, retainGraph: true });
    expect(model.second.systemPrompt?.getAccumulatedFeedback().map((t) => t.includes("- A"))).toEqual([
      true,
      false,
    ]);
    model.second.systemPrompt?.zeroFeedback();
    await backward(values, { grad: { note: "same" }, optimizer: null });
    expect(
      model.second.systemPrompt?.getAccumulatedFeedback().every((t) => t.includes('{"note":"same"}')),
    ).toBe(true);
  });

  it("a list of feedbacks propagates each through its own tape in one pass, and the optimizer captures them", async () => {
    const { manager } = managerFor({ task: echoModel() });
    const model = new TwoStage().train();
    const items = await recordBatch(model, ["a", "b", "c"], { resources: manager });
    const optimizer = sink();
    const feedbacks = items.map((item, index) => tagged(item.tapeId, `fix ${index}`));
    const report = await backward(feedbacks, { optimizer });
    expect(report.records).toBe(3);
    expect(optimizer.records.map((record) => record.graph)).toHaveLength(3);
    const texts = model.second.systemPrompt?.getAccumulatedFeedback() ?? [];
    expect(texts.map((text) => /- fix (\d)/.exec(text)?.[1])).toEqual(["0", "1", "2"]);
  });
});
