import { run } from "@weft/execution";
import type { GenerateRequest } from "@weft/provider";
import { describe, expect, it } from "vitest";
import { evaluateSet } from "../training/evaluate-set.js";
import { teaches } from "./concepts.js";
import { createSimulation } from "./create-simulation.js";
import { criticModel } from "./critic-model.js";
import { INITIAL_ANSWER_PROMPT, INITIAL_EXTRACT_PROMPT } from "./order-pipeline.js";
import { updaterModel } from "./updater-model.js";

const ask = (
  model: { generate(r: GenerateRequest): Promise<{ text: string }> },
  system: string,
  user: string,
) =>
  model
    .generate({
      messages: [
        ...(system ? [{ role: "system" as const, content: system }] : []),
        { role: "user", content: user },
      ],
    })
    .then((r) => r.text);

describe("simulation: meaning, not tokens", () => {
  it("a skill is taught by any paraphrase built from its synonyms, and negation flips it", () => {
    for (const text of [
      "Leave out any item the customer cancelled.",
      "Cancelled lines must be omitted.",
      "Skip whatever was canceled.",
      "Do not list items that were cancelled.",
    ]) {
      expect(teaches(text, "cancel")).toBe(true);
    }
    expect(teaches("The coffee is cancelled.", "cancel")).toBe(false);
    expect(teaches("Express every weight in metric units.", "metric")).toBe(true);
    expect(teaches("Do not convert weights to kilograms.", "metric")).toBe(false);
    expect(teaches("Round each weight to the nearest whole number.", "round")).toBe(true);
    expect(teaches("Never round: keep exact decimals.", "round")).toBe(false);
    expect(teaches("Read the order note carefully and convert weights to kg.", "metric")).toBe(true);
  });
});

describe("simulation: task models", () => {
  it("accuracy depends on what the prompts teach; paraphrases are equivalent; noise is irreducible", async () => {
    const sim = createSimulation({ seed: 5, testSize: 60 });
    const settings = { resources: sim.resources };
    const score = async (extract: string, answer: string) => {
      const model = sim.createPipeline();
      model.loadStateDict({ "extract.systemPrompt": extract, "answer.systemPrompt": answer });
      return evaluateSet(model, sim.loss, sim.test, settings);
    };
    const fixed =
      "Extract each item with its weight converted to kilograms. Omit cancelled items; write them as JSON.";
    const paraphrase =
      "Express every weight in kg. Skip anything the customer canceled and return the list in JSON format.";
    const reads = "The items arrive as JSON: parse them and answer with 'Total: <number> kg'.";
    const initial = await score(INITIAL_EXTRACT_PROMPT, INITIAL_ANSWER_PROMPT);
    const taught = await score(fixed, reads);
    expect(initial).toBeLessThan(0.5);
    expect(taught).toBeGreaterThan(0.8);
    expect(taught).toBeLessThan(1);
    expect(await score(paraphrase, "Read the input as JSON and add the weights up.")).toBe(taught);
    // The harmful instruction alone costs accuracy; a mismatched format breaks the second stage.
    expect(await score(`${fixed} Round each weight to the nearest whole number.`, reads)).toBeLessThan(
      taught - 0.2,
    );
    expect(await score(fixed, INITIAL_ANSWER_PROMPT)).toBe(0);
  });

  it("the second stage cannot read JSON it was not told about", async () => {
    const sim = createSimulation({ seed: 2, noise: { slip: 0, dropLine: 0 } });
    const json = '[{"item":"rice","weight":1.5,"unit":"kg"}]';
    expect(await ask(sim.models.answer, INITIAL_ANSWER_PROMPT, `Extracted items:\n${json}`)).toBe(
      "I could not read the items.",
    );
    expect(await ask(sim.models.answer, "Parse the input as JSON.", `Extracted items:\n${json}`)).toBe(
      "Total: 1.5 kg",
    );
  });
});

const critique = (step: string, kind: string, input: string, output: string, feedback: string, value = "") =>
  [
    `<call step="${step}">`,
    "<system-prompt>whatever</system-prompt>",
    `<input>${input}</input>`,
    `<output>${output}</output>`,
    "</call>",
    `<downstream-feedback>\n- ${feedback}\n</downstream-feedback>`,
    `<variable kind="${kind}" name="x">`,
    `<value>${value}</value>`,
    "</variable>",
  ].join("\n");

describe("simulation: critic and updater", () => {
  const note = "Order note:\nOrder 1: 2 kg of rice, 1.5 kg of oats. Please cancel the rice.";
  const listed = "- rice: 2 kg\n- oats: 2 kg";

  it("the critic diagnoses the first stage only from the note, its output and the expected total it is told", async () => {
    const critic = criticModel();
    const told =
      "The extracted items add up to 4 kg but the expected total is 1.5 kg, so the item list is wrong.";
    const diagnosis = JSON.parse(
      await ask(critic, "", critique("extract", "system-prompt", note, listed, told)),
    ) as string[];
    expect(diagnosis).toHaveLength(2);
    expect(teaches(diagnosis.join(" "), "cancel")).toBe(true);
    expect(teaches(diagnosis.join(" "), "keepExact")).toBe(true);
    // Another order's expected total explains nothing; no expected total at all gives nothing to test.
    const wrong = told.replace("1.5 kg", "3.7 kg");
    expect(await ask(critic, "", critique("extract", "system-prompt", note, listed, wrong))).toBe("[]");
    expect(
      await ask(critic, "", critique("extract", "system-prompt", note, listed, "Something is off.")),
    ).toBe("[]");
  });

  it("the critic rejects feedback that quotes another answer, and can be told never to blame upstream", async () => {
    const input = "Extracted items:\n- rice: 2 kg\n- oats: 2 kg";
    const feedback = 'Expected a total of 1.5 kg but the answer was "Total: 4 kg".';
    const upstream = critique("answer", "upstream-output", input, "Total: 4 kg", feedback);
    expect(JSON.parse(await ask(criticModel(), "", upstream))).toHaveLength(1);
    expect(await ask(criticModel({ blameUpstream: false }), "", upstream)).toBe("[]");
    const other = critique("answer", "upstream-output", input, "Total: 9 kg", feedback);
    expect(await ask(criticModel(), "", other)).toBe("[]");
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
    expect(fixed.startsWith("Be brief.")).toBe(true);
    const upstream =
      '<upstream-updates><upstream-parameter name="q"><previous-value>List lines.</previous-value>' +
      "<updated-value>List lines. Write the items as JSON.</updated-value></upstream-parameter></upstream-updates>";
    expect(teaches(await ask(updater, "", sfa("Add up.", "No feedback.", upstream)), "jsonInput")).toBe(true);
    const tgd = await ask(
      updater,
      "",
      "<name>p</name>\n<variable>Add up.</variable>\n<feedback>\n<item>the arithmetic should be double-checked</item>\n</feedback>",
    );
    expect(tgd).toBe("<IMPROVED_VARIABLE>Add up. Double-check the arithmetic.</IMPROVED_VARIABLE>");
  });

  it("a run of the pipeline goes through the resources like any program", async () => {
    const sim = createSimulation({ seed: 1 });
    const result = await run(sim.createPipeline(), sim.test[0]?.input as string, {
      resources: sim.resources,
    });
    expect(result.ok).toBe(true);
    expect(String(result.output)).toMatch(/^Total: [\d.]+ kg$/);
    expect(result.calls).toBe(2);
  });
});
