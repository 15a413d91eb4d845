// The example of packages/core/README.md, kept compiling and running here (the README copies it).
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { F, LeafModule, LLMInference, Module, Parameter, prompt, type Value } from "./index.js";
import { trace } from "./test-support/recording-trace-handler.js";
import { ValueKind } from "./value/value-kind.js";

// A leaf: plain TypeScript on plain data; it runs at execution, may be async.
class WordCount extends LeafModule {
  async forward(input: { text: string }): Promise<{ words: number }> {
    return { words: input.text.split(/\s+/).filter(Boolean).length };
  }
}

// A composite: forward() is synchronous and traced into a graph; it only wires Values.
class Review extends Module {
  rubric = new Parameter("Be strict about evidence.", { description: "How the judge grades" });
  summarize = new LLMInference({ alias: "fast", systemPrompt: "Summarize in two sentences." });
  judge = new LLMInference({
    alias: "judge",
    systemPrompt: this.rubric,
    outputSchema: z.object({ score: z.number().min(0).max(10) }),
  });
  count = new WordCount();

  forward(doc: Value<string>) {
    const summary = this.summarize.call(prompt`Summarize:\n${doc}`); // Value<string>
    const verdict = this.judge.call(prompt`Summary: ${summary}`); // Value<{ score: number }>
    return {
      summary: F.strip(summary),
      score: verdict.get("score"), // Value<number>
      words: this.count.call({ text: summary }).get("words"),
    };
  }
}

describe("README example", () => {
  it("registers parameters by name and traces to the expected nodes", () => {
    const review = new Review();
    expect(review.namedParameters().map(([name]) => name)).toEqual(["rubric", "summarize.systemPrompt"]);
    expect(review.stateDict()).toEqual({
      rubric: "Be strict about evidence.",
      "summarize.systemPrompt": "Summarize in two sentences.",
    });
    const { handler } = trace(review, ValueKind.TEXT);
    expect(handler.nodes.map((node) => node.id)).toEqual([
      "render_1",
      "LLMInference_2",
      "render_3",
      "LLMInference_4",
      "F.strip_5",
      "get_6",
      "WordCount_7",
      "get_8",
    ]);
  });

  it("a leaf can be called directly", async () => {
    await expect(new WordCount().invoke({ text: "two words" })).resolves.toEqual({ words: 2 });
  });
});
