import { LLMInference, Module, Parameter, prompt, type Value } from "@weft/core";
import type { GenerateRequest } from "@weft/provider";
import { BudgetTracker } from "@weft/resources";
import { MockLanguageModel } from "@weft/testing";
import { describe, expect, it } from "vitest";
import { BackwardError } from "../errors/backward-error.js";
import { Feedback } from "../feedback/feedback.js";
import { recordBatch, recordRun } from "../tape/record-run.js";
import {
  attributeOf,
  driveClock,
  echoModel,
  managerFor,
  TwoStage,
  tagOf,
  userOf,
} from "../test-support/kit.js";
import { backward } from "./backward.js";
import { CRITIC_SYSTEM_PROMPT } from "./critique-prompt.js";
import { textualGradients } from "./propagation.js";

const feedbackFor = (tapeId: string | undefined, text: string) =>
  Feedback.from(new Feedback([text], { score: 0 }), { tapeIds: [tapeId] });

/** A critic that names what it was asked about, and repeats the downstream feedback for the first stage. */
function critic(request: GenerateRequest): string {
  const user = userOf(request);
  const step = attributeOf(user, "call", "step");
  const kind = attributeOf(user, "variable", "kind");
  if (step === "second" && kind === "system-prompt") return '["second: keep it short"]';
  if (step === "second" && kind === "upstream-output") return '["the draft lacks numbers"]';
  if (step === "first") return JSON.stringify([`first heard: ${tagOf(user, "downstream-feedback")}`]);
  return "[]";
}

describe("backward: textual gradients", () => {
  it("critiques each variable of each LLM call; feedback on an upstream output is its downstream feedback", async () => {
    const model = new MockLanguageModel({ generate: critic });
    const { manager } = managerFor({ task: echoModel(), "optimizer/backward": model });
    const pipeline = new TwoStage().train();
    const out = await recordRun(pipeline, "Why?", { resources: manager });
    const report = await backward(feedbackFor(out.tapeId, "wrong answer"), {
      resources: manager,
      propagation: textualGradients(),
      optimizer: null,
    });
    expect(pipeline.second.systemPrompt?.getAccumulatedFeedback()).toEqual(["second: keep it short"]);
    expect(pipeline.first.systemPrompt?.getAccumulatedFeedback()).toEqual([
      "first heard: - the draft lacks numbers",
    ]);
    expect(report.critiques.map((c) => [c.modulePath, c.target])).toEqual([
      ["second", "param:systemPrompt"],
      ["second", `node:${[...out.graph.order].find((id) => out.graph.node(id).modulePath === "first")}`],
      ["first", "param:systemPrompt"],
    ]);
    const second = model.calls
      .map((call) => call.request)
      .find(
        (request) => attributeOf(userOf(request), "variable", "name") === "second.systemPrompt",
      ) as GenerateRequest;
    expect(second.messages[0]).toEqual({ role: "system", content: CRITIC_SYSTEM_PROMPT });
    const user = userOf(second);
    expect(tagOf(user, "system-prompt")).toBe("Polish the draft.");
    expect(tagOf(user, "input")).toBe("Draft: <Draft an answer.|Question: Why?>");
    expect(tagOf(user, "output")).toBe("<Polish the draft.|Draft: <Draft an answer.|Question: Why?>>");
    expect(tagOf(user, "downstream-feedback")).toBe("- wrong answer\nScore: 0");
    expect(tagOf(user, "role")).toBe("How the second stage polishes");
  });

  it("runs independent critiques concurrently: every record, and every variable of a call, at once", async () => {
    const { manager, clock } = managerFor({ task: echoModel() });
    let inFlight = 0;
    let most = 0;
    const slow = new MockLanguageModel({
      generate: async (request) => {
        inFlight++;
        most = Math.max(most, inFlight);
        await clock.sleep(100);
        inFlight--;
        return critic(request);
      },
    });
    const { manager: criticManager } = managerFor({ "optimizer/backward": slow });
    const pipeline = new TwoStage().train();
    const items = await recordBatch(pipeline, ["a", "b", "c", "d"], { resources: manager });
    const started = clock.now();
    const report = await driveClock(
      clock,
      backward(
        items.map((item) => feedbackFor(item.tapeId, "wrong")),
        { resources: criticManager, propagation: textualGradients(), optimizer: null },
      ),
    );
    expect(report.calls).toBe(12);
    expect(most).toBe(8);
    expect(clock.now() - started).toBe(200);
    expect(pipeline.first.systemPrompt?.getAccumulatedFeedback()).toHaveLength(4);
  });

  it("adds parameter feedback in record order whatever order the critiques finish in", async () => {
    const { manager, clock } = managerFor({ task: echoModel() });
    const slowFirst = new MockLanguageModel({
      generate: async (request) => {
        const question = /Question: (\w)/.exec(userOf(request))?.[1] ?? "?";
        await clock.sleep(question === "a" ? 300 : question === "b" ? 200 : 100);
        return JSON.stringify([`about ${question}`]);
      },
    });
    const { manager: criticManager } = managerFor({ "optimizer/backward": slowFirst });
    const pipeline = new TwoStage().train();
    const items = await recordBatch(pipeline, ["a", "b", "c"], { resources: manager });
    await driveClock(
      clock,
      backward(
        items.map((item) => feedbackFor(item.tapeId, "wrong")),
        { resources: criticManager, propagation: textualGradients(), optimizer: null },
      ),
    );
    expect(pipeline.second.systemPrompt?.getAccumulatedFeedback()).toEqual(["about a", "about b", "about c"]);
  });

  it("critiques a learnable parameter interpolated in the prompt, but never graph inputs", async () => {
    class Templated extends Module {
      rules = new Parameter("Use metric units.", { description: "Rules added to the question" });
      llm = new LLMInference({ alias: "task" });
      forward(q: Value<string>) {
        return this.llm.call(prompt`${this.rules}\n${q}`);
      }
    }
    const asked: string[] = [];
    const model = new MockLanguageModel({
      generate: (request) => {
        asked.push(
          `${attributeOf(userOf(request), "variable", "kind")}:${attributeOf(userOf(request), "variable", "name")}`,
        );
        return '["mention miles"]';
      },
    });
    const { manager } = managerFor({ task: echoModel(), "optimizer/backward": model });
    const templated = new Templated().train();
    const out = await recordRun(templated, "How far?", { resources: manager });
    await backward(feedbackFor(out.tapeId, "use miles"), {
      resources: manager,
      propagation: textualGradients(),
      optimizer: null,
    });
    expect(asked).toEqual(["parameter:rules"]);
    expect(templated.rules.getAccumulatedFeedback()).toEqual(["mention miles"]);
  });

  it("runs under the budget; a refused critique fails the pass and adds nothing", async () => {
    const { manager } = managerFor({
      task: echoModel(),
      "optimizer/backward": new MockLanguageModel({ generate: critic }),
    });
    const pipeline = new TwoStage().train();
    const out = await recordRun(pipeline, "q", { resources: manager });
    const budget = new BudgetTracker({ maxCalls: 1 });
    const error = await backward(feedbackFor(out.tapeId, "x"), {
      resources: manager,
      propagation: textualGradients(),
      budget,
      optimizer: null,
    }).catch((e: unknown) => e);
    expect(BackwardError.is(error) && error.reason).toBe("failed");
    expect((error as BackwardError).failures[0]?.error).toMatchObject({ code: "budget_exceeded" });
    expect(budget.spent.calls).toBe(1);
    expect(pipeline.second.systemPrompt?.getAccumulatedFeedback()).toEqual([]);
  });
});
