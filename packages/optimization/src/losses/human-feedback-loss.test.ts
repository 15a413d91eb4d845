import { PassThrough } from "node:stream";
import { MetaKey } from "@weft/core";
import { describe, expect, it } from "vitest";
import { consolePrompt } from "./console-prompt.js";
import { HumanFeedbackLoss, type HumanFeedbackRequest } from "./human-feedback-loss.js";

const rubric = [
  { score: 1, label: "bad", description: "wrong" },
  { score: 3, label: "good", description: "right" },
];

describe("HumanFeedbackLoss (plait-spec 9.3)", () => {
  it("asks the injected prompt with output, target and context; the lines are the improvements", async () => {
    const seen: HumanFeedbackRequest[] = [];
    const loss = new HumanFeedbackLoss({
      criteria: "tone",
      prompt: (request) => {
        seen.push(request);
        return { improvements: [" Be warmer. ", ""] };
      },
    });
    const feedback = await loss.evaluate("Go away.", { target: "A kind refusal", context: "support chat" });
    expect(feedback.actions).toEqual(["Be warmer."]);
    expect(feedback.score).toBeUndefined();
    expect(seen).toEqual([
      { output: "Go away.", target: "A kind refusal", context: "support chat", criteria: "tone" },
    ]);
  });

  it("with a rubric, normalizes the chosen level and rejects a score off the scale", async () => {
    const loss = new HumanFeedbackLoss({ rubric, prompt: () => ({ improvements: [], score: 3 }) });
    const feedback = await loss.evaluate("x");
    expect([feedback.score, feedback.meta[MetaKey.rawScore]]).toEqual([1, 3]);
    const wrong = new HumanFeedbackLoss({ rubric, prompt: () => ({ improvements: [], score: 2 }) });
    await expect(wrong.evaluate("x")).rejects.toThrow(/not a level of the rubric/);
  });

  it("hides target and context when showContext is false", async () => {
    let request: HumanFeedbackRequest | undefined;
    const loss = new HumanFeedbackLoss({
      showContext: false,
      prompt: (r) => {
        request = r;
        return { improvements: [] };
      },
    });
    await loss.evaluate("out", { target: "t", context: "c" });
    expect(request).toEqual({ output: "out" });
  });
});

describe("consolePrompt", () => {
  it("prints the output and scale, re-asks an invalid score, reads lines until an empty one", async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = "";
    output.on("data", (chunk) => {
      printed += String(chunk);
    });
    input.end("7\n3\nUse a greeting.\nSign off.\n\n");
    const loss = new HumanFeedbackLoss({ rubric, prompt: consolePrompt({ input, output }) });
    const feedback = await loss.evaluate("Hello there", { target: "A greeting" });
    expect([feedback.actions, feedback.score]).toEqual([["Use a greeting.", "Sign off."], 1]);
    expect(printed).toContain("Output:\nHello there");
    expect(printed).toContain("Target:\nA greeting");
    expect(printed).toContain("3 - good: right");
    expect(printed).toContain("Please answer one of 1, 3.");
  });

  it("ends cleanly when the input ends: the lines read so far, or a typed error when a score is owed", async () => {
    const quiet = () => new PassThrough().resume();
    const withLines = new PassThrough();
    withLines.end("Be brief.");
    const plain = new HumanFeedbackLoss({ prompt: consolePrompt({ input: withLines, output: quiet() }) });
    expect((await plain.evaluate("x")).actions).toEqual(["Be brief."]);

    const empty = new PassThrough();
    empty.end("7\n");
    const scored = new HumanFeedbackLoss({
      rubric,
      prompt: consolePrompt({ input: empty, output: quiet() }),
    });
    await expect(scored.evaluate("x")).rejects.toThrow(/the input ended before a score was given/);
  });
});
