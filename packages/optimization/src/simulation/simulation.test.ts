import { run } from "@weft/execution";
import { describe, expect, it } from "vitest";
import { ask } from "../test-support/simulation-kit.js";
import { evaluateSet } from "../training/evaluate-set.js";
import { teaches } from "./concepts.js";
import { createSimulation } from "./create-simulation.js";
import { INITIAL_ANSWER_PROMPT, INITIAL_EXTRACT_PROMPT } from "./order-pipeline.js";

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

  it("writing and reading JSON are taught by description as well as by name", () => {
    for (const text of [
      "Output the items in JSON format.",
      "Return structured records, one object per item.",
      "Write an array of objects with separate name and weight fields.",
    ]) {
      expect(teaches(text, "jsonOutput")).toBe(true);
      expect(teaches(text, "jsonInput")).toBe(false);
    }
    for (const text of ["The input arrives as JSON.", "Parse the structured records you receive."]) {
      expect(teaches(text, "jsonInput")).toBe(true);
    }
    expect(teaches("Never write JSON.", "jsonOutput")).toBe(false);
    expect(teaches("Write one item per line.", "jsonOutput")).toBe(false);
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
      "Express every weight in kg. Skip anything the customer canceled and return structured records, one object per item.";
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

  it("the second stage misreads a number in a product name from lines, and cannot read JSON it was not told about", async () => {
    const sim = createSimulation({ seed: 2, noise: { slip: 0, dropLine: 0 } });
    const lines = "Extracted items:\n- 3-bean mix: 0.5 kg\n- rice: 1.5 kg";
    expect(await ask(sim.models.answer, INITIAL_ANSWER_PROMPT, lines)).toBe("Total: 4.5 kg");
    const json = '[{"item":"rice","weight":1.5,"unit":"kg"}]';
    expect(await ask(sim.models.answer, INITIAL_ANSWER_PROMPT, `Extracted items:\n${json}`)).toBe(
      "I could not read the items.",
    );
    expect(await ask(sim.models.answer, "Parse the input as JSON.", `Extracted items:\n${json}`)).toBe(
      "Total: 1.5 kg",
    );
  });
});

describe("simulation: the program", () => {
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
