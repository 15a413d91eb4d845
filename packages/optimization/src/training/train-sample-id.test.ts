import { LLMInference, ManualClock, Module, Parameter, prompt, type Value } from "@weft/core";
import { ResourceManager } from "@weft/resources";
import { MockLanguageModel } from "@weft/testing";
import { describe, expect, it } from "vitest";
import { VerifierLoss } from "../losses/verifier-loss.js";
import { SFAOptimizer } from "../optimizers/sfa-optimizer.js";
import { train } from "./train.js";

class Creative extends Module {
  llm = new LLMInference({
    alias: "task",
    temperature: 0.9,
    systemPrompt: new Parameter("Write a slogan.", { description: "the brief" }),
  });
  forward(topic: Value<string>) {
    return this.llm.call(prompt`Topic: ${topic}`);
  }
}

/** A sampling model behind a response cache: each real call is a new sample. */
function cachedSampler() {
  let n = 0;
  const model = new MockLanguageModel({ generate: () => `slogan ${++n}` });
  const resources = new ResourceManager(
    { aliases: { task: { model } }, cache: { maxEntries: 100 } },
    { clock: new ManualClock() },
  );
  return { model, resources };
}

describe("train() keys forward samples per step (the response cache's sample id)", () => {
  it("asks for a fresh sample at each step on the same input; a rerun of the same training replays the cache", async () => {
    const { model, resources } = cachedSampler();
    const seen: unknown[] = [];
    const loss = new VerifierLoss((output) => {
      seen.push(output);
      return [true, ""];
    });
    const options = { resources, loss, trainSet: [{ input: "tea", target: "" }], epochs: 3, batchSize: 1 };
    const first = new Creative();
    await train({
      ...options,
      module: first,
      optimizer: new SFAOptimizer(first.parameters(), { resources }),
    });
    expect(seen).toEqual(["slogan 1", "slogan 2", "slogan 3"]);
    const again = new Creative();
    await train({
      ...options,
      module: again,
      optimizer: new SFAOptimizer(again.parameters(), { resources }),
    });
    expect(seen.slice(3)).toEqual(["slogan 1", "slogan 2", "slogan 3"]);
    expect(model.calls).toHaveLength(3);
    const keyed = new Creative();
    await train({
      ...options,
      module: keyed,
      optimizer: new SFAOptimizer(keyed.parameters(), { resources }),
      llm: { sampleId: "mine" },
    });
    // The caller's own sample id wins: one new sample, then replays of it.
    expect(seen.slice(6)).toEqual(["slogan 4", "slogan 4", "slogan 4"]);
  });
});
