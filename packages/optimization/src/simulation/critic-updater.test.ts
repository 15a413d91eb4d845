import { describe, expect, it } from "vitest";
import { ask, critique } from "../test-support/simulation-kit.js";
import { teaches } from "./concepts.js";
import { criticModel } from "./critic-model.js";
import { CATALOGUE, FIX_SENTENCES } from "./instructions.js";
import { updaterModel } from "./updater-model.js";

describe("simulation: critic and updater", () => {
  const note = "Order note:\nOrder 1: 2 kg of rice, 1.5 kg of oats. Please cancel the rice.";
  const listed = "- rice: 2 kg\n- oats: 2 kg";
  const diagnose = async (prompt: string) => JSON.parse(await ask(criticModel(), "", prompt)) as string[];

  it("the critic diagnoses the first stage only from the note, its output and what its feedback states", async () => {
    const told = "The answer was 4 kg but the expected total is 1.5 kg.";
    const diagnosis = await diagnose(critique("extract", "system-prompt", note, listed, told));
    expect(diagnosis).toHaveLength(2);
    expect(teaches(diagnosis.join(" "), "cancel")).toBe(true);
    expect(teaches(diagnosis.join(" "), "keepExact")).toBe(true);
    // Another order's expected total explains nothing; no expected total at all gives nothing to test.
    const wrong = told.replace("1.5 kg", "3.7 kg");
    expect(await diagnose(critique("extract", "system-prompt", note, listed, wrong))).toEqual([]);
    expect(await diagnose(critique("extract", "system-prompt", note, listed, "Something is off."))).toEqual(
      [],
    );
  });

  it("the critic names the line format only when a number in a name explains the answer", async () => {
    const numbered = "Order note:\nOrder 2: 2 kg of 3-bean mix, 1 kg of oats.";
    const output = "- 3-bean mix: 2 kg\n- oats: 1 kg";
    const misread = await diagnose(
      critique(
        "extract",
        "system-prompt",
        numbered,
        output,
        "The answer was 4 kg but the expected total is 3 kg.",
      ),
    );
    expect(misread).toHaveLength(1);
    expect(teaches(misread.join(" "), "jsonOutput")).toBe(true);
    // The same output with an answer that did not misread it, or another order's total: no format fix.
    const slip = "The answer was 3.3 kg but the expected total is 3 kg.";
    expect(await diagnose(critique("extract", "system-prompt", numbered, output, slip))).toEqual([]);
    const other = "The answer was 4 kg but the expected total is 5.2 kg.";
    expect(await diagnose(critique("extract", "system-prompt", numbered, output, other))).toEqual([]);
  });

  it("the answer critic states the facts its prompt shows, for the first stage's critique", async () => {
    const input = "Extracted items:\n- 3-bean mix: 0.5 kg\n- oats: 2 kg";
    const feedback = 'Expected a total of 2.5 kg but the answer was "Total: 5 kg".';
    const upstream = await diagnose(critique("answer", "upstream-output", input, "Total: 5 kg", feedback));
    expect(upstream.join(" ")).toContain("the expected total is 2.5 kg");
    expect(upstream.join(" ")).toContain("'3-bean mix' were taken as weights");
    // Its own prompt is not to blame for a misread input, nor for an expected total its sum does not explain.
    expect(await diagnose(critique("answer", "system-prompt", input, "Total: 5 kg", feedback))).toEqual([]);
    const rounded = await diagnose(
      critique(
        "answer",
        "system-prompt",
        "Extracted items:\n- oats: 2.4 kg",
        "Total: 2 kg",
        'Expected a total of 2.4 kg but the answer was "Total: 2 kg".',
      ),
    );
    expect(teaches(rounded.join(" "), "keepExact")).toBe(true);
  });

  it("the updater applies only fixes named in its prompt, in its own words", async () => {
    const updater = updaterModel();
    const sfa = (value: string, feedback: string, upstream = "") =>
      `<parameter name="p">\n<current-value>${value}</current-value>\n</parameter>\n<aggregated-feedback>${feedback}</aggregated-feedback>${upstream}`;
    expect(await ask(updater, "", sfa("Be brief.", "The totals are wrong."))).toBe("Be brief.");
    const fixed = await ask(
      updater,
      "",
      sfa(
        "Be brief. Round each weight to the nearest whole number.",
        "Stop rounding and keep decimals; cancelled items have to be left out.",
      ),
    );
    expect(teaches(fixed, "round")).toBe(false);
    expect(teaches(fixed, "cancel")).toBe(true);
    expect(teaches(fixed, "jsonOutput")).toBe(false);
    expect(fixed.startsWith("Be brief.")).toBe(true);
    const tgd = await ask(
      updater,
      "",
      "<name>p</name>\n<variable>Add up.</variable>\n<feedback>\n<item>the arithmetic should be double-checked</item>\n</feedback>",
    );
    expect(tgd).toMatch(/^<IMPROVED_VARIABLE>Add up\. .+<\/IMPROVED_VARIABLE>$/);
    expect(teaches(tgd, "recheck")).toBe(true);
  });

  it("the updater adapts to an upstream format change it sees in the upstream before/after, by meaning", async () => {
    const updater = updaterModel();
    const withUpstream = (before: string, after: string) =>
      '<parameter name="answer">\n<current-value>Add up.</current-value>\n</parameter>\n<aggregated-feedback>No feedback.</aggregated-feedback>' +
      `<upstream-updates><upstream-parameter name="extract"><previous-value>${before}</previous-value>` +
      `<updated-value>${after}</updated-value></upstream-parameter></upstream-updates>`;
    const described = await ask(
      updater,
      "",
      withUpstream("List lines.", "List lines. Return structured records, one object per item."),
    );
    expect(teaches(described, "jsonInput")).toBe(true);
    // An upstream change that keeps the format, or a prompt without the upstream block, changes nothing.
    expect(await ask(updater, "", withUpstream("List lines.", "List lines. Omit cancelled items."))).toBe(
      "Add up.",
    );
  });

  it("the random editor appends instructions from the catalogue, most of them neutral", async () => {
    const updater = updaterModel({ mode: "random", seed: 4 });
    const added: string[] = [];
    for (let i = 0; i < 60; i++) {
      const reply = await ask(
        updater,
        "",
        `<parameter name="p">\n<current-value>Add up.</current-value>\n</parameter>\n<aggregated-feedback>batch ${i}</aggregated-feedback>`,
      );
      added.push(reply.slice("Add up. ".length));
    }
    expect(added.every((sentence) => CATALOGUE.includes(sentence))).toBe(true);
    const helpful = added.filter((sentence) => Object.values(FIX_SENTENCES).flat().includes(sentence));
    expect(helpful.length).toBeLessThan(added.length / 3);
    expect(new Set(added).size).toBeGreaterThan(20);
  });
});
