import { EventBus } from "@weft/core";
import type { GenerateRequest } from "@weft/provider";
import { MockLanguageModel } from "@weft/testing";
import { describe, expect, it } from "vitest";
import type { OptimizationEvent } from "../events/optimization-events.js";
import { echoModel, managerFor, TwoStage, tagOf, userOf } from "../test-support/kit.js";
import { feedInto } from "../test-support/train-kit.js";
import { TGDOptimizer } from "./tgd-optimizer.js";
import { TGD_SYSTEM_PROMPT } from "./tgd-prompts.js";

const tagged = (value: string) => `Here you go.\n<IMPROVED_VARIABLE>${value}</IMPROVED_VARIABLE>`;

describe("TGDOptimizer", () => {
  it("rewrites from the feedback with role, value, constraints and examples; the value comes from the tags", async () => {
    const updater = new MockLanguageModel({
      generate: (request) => tagged(`${tagOf(userOf(request), "variable")} v2`),
    });
    const { manager } = managerFor({ task: echoModel(), "optimizer/updater": updater });
    const model = new TwoStage();
    const optimizer = new TGDOptimizer(model.parameters(), {
      resources: manager,
      constraints: ["Stay under 20 words."],
      examples: ["Answer with one number."],
    });
    await feedInto(optimizer, model, manager, "q", ["be precise"]);
    const result = await optimizer.step();
    expect(model.first.systemPrompt?.value).toBe("Draft an answer. v2");
    expect(model.second.systemPrompt?.value).toBe("Polish the draft. v2");
    expect(result.kept).toEqual([]);
    const request = updater.calls[0]?.request as GenerateRequest;
    expect(request.messages[0]).toEqual({ role: "system", content: TGD_SYSTEM_PROMPT });
    const user = userOf(request);
    expect(tagOf(user, "role")).toBe("How the first stage drafts");
    expect(tagOf(user, "name")).toBe("first.systemPrompt");
    expect(tagOf(user, "feedback")).toContain("- be precise");
    expect(tagOf(user, "constraint")).toBe("Stay under 20 words.");
    expect(tagOf(user, "example")).toBe("Answer with one number.");
    expect(user).not.toContain("<past-iterations>");
  });

  it("momentum shows past values, the feedback they got and what they became", async () => {
    let version = 0;
    const updater = new MockLanguageModel({
      generate: (request) => tagged(`${tagOf(userOf(request), "variable").split(" #")[0]} #${++version}`),
    });
    const { manager } = managerFor({ task: echoModel(), "optimizer/updater": updater });
    const model = new TwoStage();
    const optimizer = new TGDOptimizer([model.first.systemPrompt as never], {
      resources: manager,
      momentum: 1,
    });
    await feedInto(optimizer, model, manager, "q", ["first round"]);
    await optimizer.step();
    optimizer.zeroFeedback();
    await feedInto(optimizer, model, manager, "q", ["second round"]);
    await optimizer.step();
    const second = userOf(updater.calls[1]?.request as GenerateRequest);
    const past = tagOf(second, "past-iterations");
    expect(past).toContain('<iteration step="1" committed="yes">');
    expect(tagOf(past, "value")).toBe("Draft an answer.");
    expect(tagOf(past, "feedback")).toContain("- first round");
    expect(tagOf(past, "became")).toBe("Draft an answer. #1");
    expect(past).toContain("make a bigger change");
    expect(tagOf(second, "variable")).toBe("Draft an answer. #1");
  });

  it("asks once more when the tags are missing, then keeps the old value and reports it", async () => {
    const replies = ["no tags here", tagged("Fixed draft."), "still none", "nope"];
    const updater = new MockLanguageModel({ generate: () => replies.shift() as string });
    const { manager } = managerFor({ task: echoModel(), "optimizer/updater": updater });
    const events = new EventBus<OptimizationEvent>();
    const kept: OptimizationEvent[] = [];
    events.on("optimizer.parameter.kept", (event) => kept.push(event));
    const model = new TwoStage();
    const optimizer = new TGDOptimizer(model.parameters(), {
      resources: manager,
      events,
      consistencyUpdates: false,
    });
    await feedInto(optimizer, model, manager, "q", ["x"]);
    const result = await optimizer.step();
    expect(model.first.systemPrompt?.value).toBe("Fixed draft.");
    const repair = updater.calls[1]?.request as GenerateRequest;
    expect(repair.messages.slice(-2).map((m) => m.role)).toEqual(["assistant", "user"]);
    expect(repair.messages.at(-1)?.content).toContain("between <IMPROVED_VARIABLE> and </IMPROVED_VARIABLE>");
    expect(model.second.systemPrompt?.value).toBe("Polish the draft.");
    expect(result.kept).toEqual([{ key: "second.systemPrompt", reason: "parse_failed", reply: "nope" }]);
    expect(kept).toMatchObject([{ parameter: "second.systemPrompt", reason: "parse_failed", reply: "nope" }]);
    expect(model.second.systemPrompt?.getAccumulatedFeedback()).toEqual([]);
  });
});
