import { LeafModule, LLMInference, ManualClock, Module, prompt, type Value } from "@weft/core";
import { ResourceManager } from "@weft/resources";
import { MockLanguageModel } from "@weft/testing";
import { describe, expect, it } from "vitest";
import { run } from "./run.js";

class Shout extends LeafModule {
  forward(text: string): string {
    return text.toUpperCase();
  }
}

class Pipeline extends Module {
  summarize = new LLMInference({ alias: "fast", systemPrompt: "Summarize." });
  shout = new Shout();
  forward(text: Value<string>) {
    const summary = this.summarize.call(prompt`Text: ${text}`);
    return { summary, loud: this.shout.call(summary) };
  }
}

describe("run", () => {
  it("runs a pipeline and returns forward's shape", async () => {
    const clock = new ManualClock();
    const model = new MockLanguageModel({
      generate: (request) => `sum(${request.messages.at(-1)?.content})`,
      clock,
    });
    const manager = new ResourceManager({ aliases: { fast: { model } } }, { clock });
    const result = await run(new Pipeline(), "hello", { resources: manager, clock });
    expect(result.errors).toEqual([]);
    expect(result.output).toEqual({ summary: "sum(Text: hello)", loud: "SUM(TEXT: HELLO)" });
  });
});
