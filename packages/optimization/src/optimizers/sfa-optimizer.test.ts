import { EventBus, LLMInference, Module, OptimizationError, Parameter, prompt, type Value } from "@weft/core";
import type { GenerateRequest } from "@weft/provider";
import { ResourceManager } from "@weft/resources";
import { MockLanguageModel } from "@weft/testing";
import { describe, expect, it } from "vitest";
import type { OptimizationEvent } from "../events/optimization-events.js";
import {
  attributeOf,
  driveClock,
  echoModel,
  managerFor,
  TwoStage,
  tagOf,
  userOf,
} from "../test-support/kit.js";
import { feedInto } from "../test-support/train-kit.js";
import { commitIfNotWorse } from "./commit-policy.js";
import { SFAOptimizer } from "./sfa-optimizer.js";

/** An updater that appends what the feedback asks for, and notes an upstream change it was shown. */
function updater(request: GenerateRequest): string {
  const user = userOf(request);
  const current = tagOf(user, "current-value");
  const upstream = tagOf(user, "updated-value");
  const asked = /ask:(\w+)/.exec(tagOf(user, "aggregated-feedback"))?.[1];
  return [current, asked ? `+${asked}` : "", upstream ? `(after ${upstream})` : ""].filter(Boolean).join(" ");
}

function setup(updaterModel = new MockLanguageModel({ generate: updater })) {
  const aggregator = new MockLanguageModel({
    generate: (request) =>
      `merged ${attributeOf(userOf(request), "feedback-items", "count")} items: ask:merged`,
  });
  const { manager, clock } = managerFor({
    task: echoModel(),
    "optimizer/updater": updaterModel,
    "optimizer/aggregator": aggregator,
  });
  return { manager, clock, updates: updaterModel, aggregator };
}

describe("SFAOptimizer (plait-spec 9.8)", () => {
  it("updates level by level and shows the downstream updater the upstream before/after", async () => {
    const { manager, updates, aggregator } = setup();
    const model = new TwoStage();
    const optimizer = new SFAOptimizer(model.parameters(), { resources: manager });
    await feedInto(optimizer, model, manager, "q", ["ask:shorter"]);
    const result = await optimizer.step();
    expect(result.levels).toEqual([["first.systemPrompt"], ["second.systemPrompt"]]);
    expect(model.first.systemPrompt?.value).toBe("Draft an answer. +shorter");
    expect(model.second.systemPrompt?.value).toBe(
      "Polish the draft. +shorter (after Draft an answer. +shorter)",
    );
    expect([...result.updates.keys()]).toEqual(["first.systemPrompt", "second.systemPrompt"]);
    expect(result.updates.get("second.systemPrompt")).toMatchObject({ level: 1, consistency: false });
    expect(aggregator.calls).toHaveLength(0);
    const [first, second] = updates.calls.map((call) => userOf(call.request)) as [string, string];
    expect(attributeOf(first, "parameter", "name")).toBe("first.systemPrompt");
    expect(first).toContain("<conservatism>0.7</conservatism>");
    expect(first).toContain(
      "<conservatism-scale>0 = aggressive rewrites, 1 = minimal changes</conservatism-scale>",
    );
    expect(first).toContain("<description>How the first stage drafts</description>");
    expect(first).toContain("<current-value>Draft an answer.</current-value>");
    expect(first).not.toContain("<upstream-updates>");
    expect(second).toContain('<upstream-parameter name="first.systemPrompt">');
    expect(tagOf(second, "previous-value")).toBe("Draft an answer.");
    expect(model.first.systemPrompt?.getAccumulatedFeedback()).toEqual([]);
    expect(optimizer.stepCount).toBe(1);
  });

  it("aggregates several items with the aggregator; one item is used as it is", async () => {
    const { manager, aggregator } = setup();
    const model = new TwoStage();
    const optimizer = new SFAOptimizer(model.parameters(), { resources: manager, conservatism: 0.25 });
    await feedInto(optimizer, model, manager, "a", ["x"]);
    await feedInto(optimizer, model, manager, "b", ["y"]);
    await optimizer.step();
    expect(aggregator.calls).toHaveLength(2);
    const prompt0 = userOf(aggregator.calls[0]?.request as GenerateRequest);
    expect(prompt0).toContain('<feedback-items count="2">');
    expect(prompt0).toContain('<feedback index="1">');
    expect(prompt0).toContain("<output-format>One summary paragraph, with no lists.</output-format>");
    expect(model.first.systemPrompt?.value).toBe("Draft an answer. +merged");
  });

  it("bounds the feedback of a parameter before aggregating it", async () => {
    const { manager, aggregator } = setup();
    const model = new TwoStage();
    const optimizer = new SFAOptimizer(model.parameters(), {
      resources: manager,
      feedbackBudget: { maxItems: 3 },
    });
    for (const input of ["a", "b", "c", "d", "e", "f", "g"])
      await feedInto(optimizer, model, manager, input, [`fix ${input}`]);
    await optimizer.step();
    const counts = aggregator.calls.map((call) =>
      Number(attributeOf(userOf(call.request), "feedback-items", "count")),
    );
    // Per parameter: 7 items over a budget of 3 are summarised in two chunks (4 + 3), then merged (2).
    expect(counts.sort()).toEqual([2, 2, 3, 3, 4, 4]);
  });

  it("updates the parameters of one level in parallel", async () => {
    const { manager: taskManager } = managerFor({ task: echoModel() });
    let inFlight = 0;
    let most = 0;
    const { clock } = managerFor({});
    const slow = new MockLanguageModel({
      generate: async (request) => {
        inFlight++;
        most = Math.max(most, inFlight);
        await clock.sleep(10);
        inFlight--;
        return updater(request);
      },
    });
    const { manager } = managerFor({ "optimizer/updater": slow });
    class Fan extends Module {
      left = new LLMInference({ alias: "task", systemPrompt: new Parameter("L", { description: "left" }) });
      right = new LLMInference({ alias: "task", systemPrompt: new Parameter("R", { description: "right" }) });
      forward(q: Value<string>) {
        return prompt`${this.left.call(q)} ${this.right.call(q)}`;
      }
    }
    const model = new Fan();
    const optimizer = new SFAOptimizer(model.parameters(), { resources: manager });
    await feedInto(optimizer, model, taskManager, "q", ["ask:more"]);
    const result = await driveClock(clock, optimizer.step());
    expect(result.levels).toEqual([["left.systemPrompt", "right.systemPrompt"]]);
    expect(most).toBe(2);
  });

  it("a parameter shared by two calls is updated once, from all its feedback", async () => {
    const { manager, updates } = setup();
    const shared = new Parameter("Be exact.", { description: "shared rules" });
    class Twice extends Module {
      a = new LLMInference({ alias: "task", systemPrompt: shared });
      b = new LLMInference({ alias: "task", systemPrompt: shared });
      forward(q: Value<string>) {
        return this.b.call(this.a.call(q));
      }
    }
    const model = new Twice();
    const optimizer = new SFAOptimizer(model.parameters(), { resources: manager });
    await feedInto(optimizer, model, manager, "q", ["ask:twice"]);
    expect(shared.getAccumulatedFeedback()).toHaveLength(2);
    const result = await optimizer.step();
    expect([...result.updates.keys()]).toEqual(["b.systemPrompt"]);
    expect(updates.calls).toHaveLength(1);
  });

  it("retries an empty reply as a fresh sample, past the response cache", async () => {
    const replies = ["", " ", "Polish it well."];
    const model = new TwoStage();
    const updaterModel = new MockLanguageModel({
      generate: (request) =>
        attributeOf(userOf(request), "parameter", "name") === "second.systemPrompt"
          ? (replies.shift() as string)
          : "kept",
    });
    const { manager: taskManager } = managerFor({ task: echoModel() });
    const manager = new ResourceManager({
      aliases: { "optimizer/updater": { model: updaterModel } },
      cache: {},
    });
    const optimizer = new SFAOptimizer(model.parameters(), { resources: manager });
    await feedInto(optimizer, model, taskManager, "q", ["ask:x"]);
    await optimizer.step();
    expect(model.second.systemPrompt?.value).toBe("Polish it well.");
    expect(updaterModel.calls).toHaveLength(4);
  });

  it("after maxRetries empty replies fails with OptimizationError and restores the step", async () => {
    const blank = new MockLanguageModel({
      generate: (request) =>
        attributeOf(userOf(request), "parameter", "name") === "first.systemPrompt" ? updater(request) : " ",
    });
    const { manager } = setup(blank);
    const model = new TwoStage();
    const optimizer = new SFAOptimizer(model.parameters(), { resources: manager, maxRetries: 2 });
    await feedInto(optimizer, model, manager, "q", ["ask:x"]);
    const error = await optimizer.step().catch((e: unknown) => e);
    expect(OptimizationError.is(error) && [error.parameterName, error.attempts]).toEqual([
      "second.systemPrompt",
      3,
    ]);
    expect(model.first.systemPrompt?.value).toBe("Draft an answer.");
    const second = blank.calls.filter(
      (call) => attributeOf(userOf(call.request), "parameter", "name") === "second.systemPrompt",
    );
    expect(second).toHaveLength(3);
    expect(optimizer.stepCount).toBe(0);
  });

  it("checks its options, its binding and its records", async () => {
    const params = new TwoStage().parameters();
    expect(() => new SFAOptimizer(params, { conservatism: 1.5 })).toThrow(/conservatism/);
    expect(() => new SFAOptimizer(params, { maxRetries: -1 })).toThrow(/maxRetries/);
    await expect(new SFAOptimizer(params).step()).rejects.toThrow(/not bound/);
    const { manager } = setup();
    await expect(new SFAOptimizer(params).bind(manager).step()).rejects.toThrow(/No forward records/);
  });

  it("revises a parameter without feedback when its upstream changed (unless ordered or consistency is off)", async () => {
    for (const [options, expected] of [
      [{}, "Polish the draft. (after Draft an answer. +up)"],
      [{ consistencyUpdates: false }, "Polish the draft."],
      [{ ordered: false }, "Polish the draft."],
    ] as const) {
      const { manager, updates } = setup();
      const model = new TwoStage();
      const optimizer = new SFAOptimizer(model.parameters(), { resources: manager, ...options });
      await feedInto(optimizer, model, manager, "q", ["ask:up"]);
      model.second.systemPrompt?.zeroFeedback();
      const result = await optimizer.step();
      expect(model.second.systemPrompt?.value).toBe(expected);
      if (expected !== "Polish the draft.") {
        expect(result.updates.get("second.systemPrompt")?.consistency).toBe(true);
        expect(tagOf(userOf(updates.calls[1]?.request as GenerateRequest), "aggregated-feedback")).toContain(
          "No feedback was collected",
        );
      }
    }
  });

  it("the commit policy reverts a step whose validation score drops, and the history keeps both", async () => {
    const { manager } = setup();
    const model = new TwoStage();
    const events = new EventBus<OptimizationEvent>();
    const seen: OptimizationEvent[] = [];
    events.onAny((event) => seen.push(event));
    const optimizer = new SFAOptimizer(model.parameters(), { resources: manager, events });
    const scores = [0.5, 0.4, 0.7];
    const policy = commitIfNotWorse({ evaluate: async () => scores.shift() as number });
    await feedInto(optimizer, model, manager, "q", ["ask:worse"]);
    const reverted = await optimizer.step({ commit: policy });
    expect([reverted.committed, reverted.score, reverted.previousScore]).toEqual([false, 0.4, 0.5]);
    expect(model.first.systemPrompt?.value).toBe("Draft an answer.");
    optimizer.zeroFeedback();
    await feedInto(optimizer, model, manager, "q", ["ask:better"]);
    const committed = await optimizer.step({ commit: policy });
    expect([committed.committed, committed.score]).toEqual([true, 0.7]);
    expect(model.first.systemPrompt?.value).toBe("Draft an answer. +better");
    expect(policy.scores).toEqual([0.5, 0.4, 0.7]);
    expect(
      optimizer.historyOf("first.systemPrompt").map((h) => [h.step, h.value, h.next, h.committed, h.score]),
    ).toEqual([
      [1, "Draft an answer.", "Draft an answer. +worse", false, 0.4],
      [2, "Draft an answer.", "Draft an answer. +better", true, 0.7],
    ]);
    expect(
      seen
        .filter((e) => e.type === "optimizer.step.finished")
        .map((e) => e.type === "optimizer.step.finished" && e.committed),
    ).toEqual([false, true]);
    expect(
      seen.some((e) => e.type === "optimizer.parameter.updated" && e.parameter === "second.systemPrompt"),
    ).toBe(true);
  });
});
