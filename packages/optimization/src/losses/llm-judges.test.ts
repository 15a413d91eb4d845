import { MetaKey } from "@weft/core";
import { MockLanguageModel } from "@weft/testing";
import { describe, expect, it } from "vitest";
import { LossError } from "../errors/loss-error.js";
import { managerFor, systemOf, userOf } from "../test-support/kit.js";
import { LLMJudge } from "./llm-judge.js";
import { LLMPreferenceLoss } from "./preference-loss.js";
import { LLMRankingLoss } from "./ranking-loss.js";
import { LLMRubricLoss } from "./rubric-loss.js";

describe("LLMJudge (plait-spec 9.3)", () => {
  it("shows the output, context, expected behaviour and focus, and parses a JSON list without a score", async () => {
    const judge = new MockLanguageModel({ generate: () => '["Name the capital.", "Be brief."]' });
    const { manager } = managerFor({ judge });
    const feedback = await new LLMJudge({ criteria: "accuracy" }).evaluate("It is Lyon", {
      resources: manager,
      target: "Paris",
      context: "Capital of France?",
    });
    expect(feedback.actions).toEqual(["Name the capital.", "Be brief."]);
    expect(feedback.score).toBeUndefined();
    const request = judge.calls[0]?.request;
    const user = request ? userOf(request) : "";
    expect(user).toBe(
      "Output to critique:\nIt is Lyon\n\nContext:\nCapital of France?\n\nExpected behaviour:\nParis\n\n" +
        "Focus on: accuracy\n\nReturn only a JSON array of strings.",
    );
    expect(request ? systemOf(request) : "").toContain("JSON array of strings");
  });

  it("a reply that is not a JSON list is one improvement; [] is none", async () => {
    const replies = ["Say more about X.", "[]"];
    const { manager } = managerFor({ judge: new MockLanguageModel({ generate: replies }) });
    const judge = new LLMJudge();
    expect((await judge.evaluate("x", { resources: manager })).actions).toEqual(["Say more about X."]);
    expect((await judge.evaluate("x", { resources: manager })).actions).toEqual([]);
  });
});

describe("LLMRubricLoss (plait-spec 9.3)", () => {
  const rubric = [
    { score: 5, label: "great", description: "correct and complete" },
    { score: 1, label: "poor", description: "wrong" },
    { score: 3, label: "fair", description: "partly right" },
  ];

  it("scores (raw - min) / (max - min) with justification and improvements through its schema", async () => {
    const judge = new MockLanguageModel({
      generate: () =>
        JSON.stringify({ score: 4, justification: "mostly", actionable_improvements: ["Add units."] }),
    });
    const { manager } = managerFor({ judge });
    const loss = new LLMRubricLoss({ criteria: "correctness", rubric });
    const feedback = await loss.evaluate("12", { resources: manager });
    expect([feedback.actions, feedback.score]).toEqual([["Add units."], 0.75]);
    expect(feedback.meta[MetaKey.rawScore]).toBe(4);
    expect(feedback.meta[MetaKey.justification]).toBe("mostly");
    const request = judge.calls[0]?.request;
    expect(request?.responseFormat).toMatchObject({ type: "json", name: "rubric_response" });
    expect(request ? systemOf(request) : "").toContain(
      "1 - poor: wrong\n3 - fair: partly right\n5 - great: correct",
    );
  });

  it("reads judges leniently: aliased, cased keys and string scores", async () => {
    const judge = new MockLanguageModel({
      generate: () => JSON.stringify({ " Rating ": "5", Justification: "ok", Suggestions: [] }),
    });
    const { manager } = managerFor({ judge });
    const feedback = await new LLMRubricLoss({ criteria: "c", rubric }).evaluate("x", { resources: manager });
    expect([feedback.score, feedback.actions]).toEqual([1, []]);
  });

  it("re-asks a reply that does not match, then fails the evaluation", async () => {
    const judge = new MockLanguageModel({ generate: () => '{"verdict": "good"}' });
    const { manager } = managerFor({ judge });
    await expect(
      new LLMRubricLoss({ criteria: "c", rubric }).evaluate("x", { resources: manager }),
    ).rejects.toThrow(/failed/);
    expect(judge.calls.length).toBe(3);
  });

  it("rejects a rubric without two distinct scores", () => {
    expect(() => new LLMRubricLoss({ criteria: "c", rubric: [rubric[0] as never] })).toThrow(LossError);
  });
});

describe("LLMPreferenceLoss (plait-spec 9.3)", () => {
  const verdict = (winner: string) =>
    JSON.stringify({
      winner,
      reason: "B is precise",
      a_strengths: "short",
      a_weaknesses: "vague",
      b_strengths: "precise",
      b_weaknesses: "long",
    });

  it("compare() gives the winner score 1 and the loser a contrastive text with both snippets", async () => {
    const judge = new MockLanguageModel({ generate: () => verdict("b") });
    const { manager } = managerFor({ judge });
    const loss = new LLMPreferenceLoss({ criteria: "precision" });
    const [a, b] = await loss.compare("roughly 3", "exactly 3.14", { resources: manager });
    expect([a.score, b.score]).toEqual([0, 1]);
    expect(b.actions).toEqual(["Preferred. Strengths: precise"]);
    expect(a.actions).toEqual([
      "Not preferred: B is precise",
      "Weaknesses: vague",
      "Emulate the preferred output and avoid what the rejected one did.",
      'Preferred: "exactly 3.14"',
      'Rejected: "roughly 3"',
    ]);
    const user = judge.calls[0] ? userOf(judge.calls[0].request) : "";
    expect(user).toBe("Criteria: precision\n\n[A]\nroughly 3\n\n[B]\nexactly 3.14");
  });

  it("evaluate() returns the output's feedback and needs a target", async () => {
    const { manager } = managerFor({ judge: new MockLanguageModel({ generate: () => verdict("A") }) });
    const loss = new LLMPreferenceLoss({ criteria: "c" });
    expect((await loss.evaluate("mine", { resources: manager, target: "theirs" })).score).toBe(1);
    await expect(loss.evaluate("mine", { resources: manager })).rejects.toMatchObject({
      reason: "missing_target",
    });
  });
});

describe("LLMRankingLoss (plait-spec 9.3)", () => {
  const answer = (ranking: number[]) =>
    JSON.stringify({ ranking, best_qualities: "clear", worst_issues: "rambling", comparison: "B beats A" });

  it("ranking [2, 1, 3] scores B = 1, A = 0.5, C = 0 with rank and total", async () => {
    const { manager } = managerFor({ judge: new MockLanguageModel({ generate: () => answer([2, 1, 3]) }) });
    const feedbacks = await new LLMRankingLoss({ criteria: "clarity" }).rank(["A", "B", "C"], {
      resources: manager,
    });
    expect(feedbacks.map((f) => f.score)).toEqual([0.5, 1, 0]);
    expect(feedbacks.map((f) => [f.meta[MetaKey.rank], f.meta[MetaKey.total]])).toEqual([
      [2, 3],
      [1, 3],
      [3, 3],
    ]);
    expect(feedbacks[1]?.actions).toEqual(["Ranked #1 of 3: clear"]);
    expect(feedbacks[2]?.actions).toEqual(["Ranked #3 of 3. rambling B beats A"]);
  });

  it("uses per-output improvements when given; evaluate() ranks the output among the targets", async () => {
    const reply = JSON.stringify({
      ranking: [2, 1],
      best_qualities: "",
      worst_issues: "",
      comparison: "",
      per_output_actionable_improvements: [["Shorten it."], []],
    });
    const judge = new MockLanguageModel({ generate: () => reply });
    const { manager } = managerFor({ judge });
    const feedback = await new LLMRankingLoss({ criteria: "c" }).evaluate("mine", {
      resources: manager,
      target: "reference",
    });
    expect([feedback.actions, feedback.score]).toEqual([["Shorten it."], 0]);
    expect(judge.calls[0] ? userOf(judge.calls[0].request) : "").toBe(
      "Criteria: c\n\n[1]\nmine\n\n[2]\nreference",
    );
  });

  it("needs two outputs and a permutation", async () => {
    const { manager } = managerFor({ judge: new MockLanguageModel({ generate: () => answer([1, 1]) }) });
    const loss = new LLMRankingLoss({ criteria: "c" });
    await expect(loss.rank(["only"], { resources: manager })).rejects.toMatchObject({
      reason: "too_few_outputs",
    });
    await expect(loss.rank(["a", "b"], { resources: manager })).rejects.toThrow(/not a permutation/);
  });
});
