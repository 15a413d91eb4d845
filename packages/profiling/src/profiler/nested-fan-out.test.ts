import { LeafModule, LLMInference, ManualClock, Module, prompt, type Value } from "@weft/core";
import { run } from "@weft/execution";
import { ResourceManager } from "@weft/resources";
import { MockLanguageModel } from "@weft/testing";
import { map } from "@weft/tracing";
import { describe, expect, it } from "vitest";
import { analyzeTrace } from "../analysis/analyze-trace.js";
import { Profiler } from "./profiler.js";

/** Splits `a1,a2|b1,b2,b3` into groups of words (at run time, so both fan-outs expand at run time). */
class Groups extends LeafModule {
  forward(text: string): string[][] {
    return text.split("|").map((group) => group.split(","));
  }
}

/** One call per (group, word). */
class Nested extends Module {
  groups = new Groups();
  ask = new LLMInference({ alias: "fast", maxTokens: 4 });
  forward(text: Value<string>) {
    return map(this.groups.call(text), (group) => map(group, (word) => this.ask.call(prompt`word ${word}`)));
  }
}

/** The call for `b2` takes longest (90 ms); the other words of group b 40 ms, group a's 20 ms. */
const delayOf = (text: string) => (text.includes("word b2") ? 90 : text.includes("word b") ? 40 : 20);

describe("the critical path of a real run with nested fan-outs", () => {
  it("goes through the slowest element of the slowest inner fan-out, on the runtime's clock", async () => {
    const clock = new ManualClock();
    const model = new MockLanguageModel({
      clock,
      generate: "ok",
      delayMs: (call) => delayOf(JSON.stringify(call.request.messages)),
    });
    const resources = new ResourceManager({ aliases: { fast: { model, maxConcurrent: 10 } } }, { clock });
    const profiler = new Profiler();
    const running = run(new Nested(), "a1,a2|b1,b2,b3", { resources, clock, profiler });
    for (let guard = 0; guard < 1_000 && model.calls.length < 5; guard++) await clock.advance(0);
    await clock.runAll(10);
    const result = await running;
    expect(result.ok).toBe(true);

    const analysis = profiler.analyze();
    const [path] = analysis.criticalPaths;
    const ids = path?.steps.map((step) => step.nodeId) ?? [];
    const outer = ids.find((id) => /^map_\d+$/.test(id)) as string;
    const inner = ids.find((id) => id.startsWith(`${outer}[1].`) && /map_\d+$/.test(id)) as string;
    // outer list -> element 1 (group b) -> its inner fan-out -> element 1 (word b2) -> its call -> gathers.
    expect(inner).toBeDefined();
    const call = path?.steps.find((step) => step.kind === "llm");
    expect(call?.nodeId.startsWith(`${inner}[1].`)).toBe(true);
    expect(call?.durationMs).toBe(90);
    expect(ids.slice(-2)).toEqual([inner, outer]);
    expect(ids).toEqual([
      "input:input_0",
      "Groups_1",
      `${outer}[1].element`,
      `${inner}[1].element`,
      `${inner}[1].prompt_1`,
      `${inner}[1].LLMInference_2`,
      inner,
      outer,
    ]);
    expect(path?.totalMs).toBe(90);
    expect(analyzeTrace(JSON.parse(JSON.stringify(profiler)))).toEqual(analysis);
  });
});
