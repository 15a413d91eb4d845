import { LLMInference, Module, prompt, type Value } from "@weft/core";
import { MockLanguageModel } from "@weft/testing";
import { describe, expect, it } from "vitest";
import { runBatch } from "../batch/run-batch.js";
import { runStream } from "../batch/run-stream.js";
import "../index.js";
import { run } from "../run/run.js";
import { managerFor, promptOf } from "../test-support/run-kit.js";
import { noGrad } from "./no-grad.js";
import { collectTapeIds } from "./tape-ids.js";
import { findTape, liveTapeIds, releaseTape } from "./tape-registry.js";

class TwoCalls extends Module {
  first = new LLMInference({ alias: "fast", systemPrompt: "First." });
  second = new LLMInference({ alias: "fast", systemPrompt: "Second." });
  forward(text: Value<string>) {
    const a = this.first.call(prompt`a ${text}`);
    return { a, b: this.second.call(prompt`b ${a}`) };
  }
}

const setup = () =>
  managerFor({ fast: new MockLanguageModel({ generate: (r) => `<${promptOf(r)}>` }) }).manager;

describe("runs in training mode return outputs carrying their tape", () => {
  it("run(): every output Value carries the registered tape's id", async () => {
    const resources = setup();
    const result = await run(new TwoCalls().train(), "q", { resources });
    expect(result.output).toEqual({ a: "<a q>", b: "<b <a q>>" });
    const tapeId = result.tapeId as string;
    expect(tapeId).toMatch(/^[0-9a-f]{32}$/);
    expect(findTape(tapeId)).toBe(result.record);
    const values = result.values as { a: Value; b: Value };
    expect(collectTapeIds(values.a)).toEqual([tapeId]);
    expect(collectTapeIds(values.b)).toEqual([tapeId]);
    releaseTape(tapeId);
  });

  it("eval mode records nothing unless `record: true`; noGrad records nothing at all", async () => {
    const resources = setup();
    const before = liveTapeIds().length;
    const evaluated = await run(new TwoCalls(), "q", { resources });
    expect([evaluated.record, evaluated.tapeId, collectTapeIds(evaluated.values)]).toEqual([
      undefined,
      undefined,
      [],
    ]);
    const asked = await run(new TwoCalls(), "q", { resources, record: true });
    expect(collectTapeIds(asked.values)).toEqual([asked.tapeId]);
    releaseTape(asked.tapeId as string);
    await noGrad(async () => {
      await Promise.resolve();
      const inside = await run(new TwoCalls().train(), "q", { resources, record: true });
      expect([inside.record, inside.tapeId, collectTapeIds(inside.values)]).toEqual([
        undefined,
        undefined,
        [],
      ]);
      const items = await runBatch(new TwoCalls().train(), ["x"], { resources });
      expect(items[0]?.result?.record).toBeUndefined();
    });
    expect(liveTapeIds()).toHaveLength(before);
  });

  it("runBatch() and runStream() tag each item with its own tape", async () => {
    const resources = setup();
    const items = await runBatch(new TwoCalls().train(), ["x", "y", "z"], { resources });
    const ids = items.map((item) => item.result?.tapeId as string);
    expect(new Set(ids).size).toBe(3);
    items.forEach((item, i) => {
      expect(collectTapeIds(item.result?.values)).toEqual([ids[i]]);
      expect(findTape(ids[i] as string)).toBe(item.result?.record);
    });
    const streamed: string[][] = [];
    for await (const item of runStream(new TwoCalls().train(), ["s", "t"], { resources })) {
      streamed.push(collectTapeIds(item.result?.values));
      expect(findTape(item.result?.tapeId as string)?.moduleMap.size).toBe(2);
    }
    expect(streamed.map((tapes) => tapes.length)).toEqual([1, 1]);
    expect(streamed[0]).not.toEqual(streamed[1]);
    for (const id of [...ids, ...streamed.flat()]) releaseTape(id);
  });

  it("a bound call in training mode returns plain data and registers no tape", async () => {
    const resources = setup();
    const before = liveTapeIds();
    const module = new TwoCalls().train().bind(resources);
    expect(await module.call("q")).toEqual({ a: "<a q>", b: "<b <a q>>" });
    expect(liveTapeIds()).toEqual(before);
  });
});
