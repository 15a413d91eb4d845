import { LLMInference, ManualClock, Module, prompt, type Value } from "@weft/core";
import { ResourceManager } from "@weft/resources";
import { MockLanguageModel } from "@weft/testing";
import { describe, expect, it } from "vitest";
import { runBatch } from "../batch/run-batch.js";
import { run } from "../run/run.js";
import { withSettings } from "../settings/execution-settings.js";
import type { SampleCall } from "./sample-id.js";

class Ask extends Module {
  llm = new LLMInference({ alias: "hot", temperature: 1 });
  forward(text: Value<string>) {
    return this.llm.call(prompt`Tell me about ${text}`);
  }
}

/** A model at temperature 1 behind a response cache: every call it really makes gives a new sample. */
function cachedSampler() {
  let n = 0;
  const model = new MockLanguageModel({ generate: () => `sample ${++n}` });
  const resources = new ResourceManager(
    { aliases: { hot: { model } }, cache: { maxEntries: 100 } },
    { clock: new ManualClock() },
  );
  return { model, resources };
}

describe("sampleId (the response cache keyed with a sample id)", () => {
  it("the same sample id is a cache hit; a different one makes a new call", async () => {
    const { model, resources } = cachedSampler();
    const first = await run(new Ask(), "cats", { resources, llm: { sampleId: "epoch-0" } });
    const again = await run(new Ask(), "cats", { resources, llm: { sampleId: "epoch-0" } });
    expect([first.output, again.output, again.calls]).toEqual(["sample 1", "sample 1", 1]);
    expect(model.calls).toHaveLength(1);
    const fresh = await withSettings({ llm: { sampleId: "epoch-1" } }, () =>
      run(new Ask(), "cats", { resources }),
    );
    expect(fresh.output).toBe("sample 2");
    const unkeyed = await run(new Ask(), "cats", { resources });
    expect(unkeyed.output).toBe("sample 3");
    expect(model.calls).toHaveLength(3);
  });

  it("a function is asked per node with the item index, so equal inputs of one batch get their own samples", async () => {
    const { model, resources } = cachedSampler();
    const seen: SampleCall[] = [];
    const sampleId = (call: SampleCall) => {
      seen.push(call);
      return `step-3:${call.itemIndex}`;
    };
    const items = await runBatch(new Ask(), ["dogs", "dogs"], { resources, llm: { sampleId } });
    expect(items.map((item) => item.output)).toEqual(["sample 1", "sample 2"]);
    expect(seen.map((call) => [call.itemIndex, call.alias, call.modulePath])).toEqual([
      [0, "hot", "llm"],
      [1, "hot", "llm"],
    ]);
    expect(seen[0]?.nodeId).toMatch(/\S/);
    const replay = await runBatch(new Ask(), ["dogs", "dogs"], { resources, llm: { sampleId } });
    expect(replay.map((item) => item.output)).toEqual(["sample 1", "sample 2"]);
    expect(model.calls).toHaveLength(2);
  });
});
