import { LeafModule, LLMInference, Module, prompt, type Value } from "@weft/core";
import { tracePipeline } from "@weft/runner";
import { map, when } from "@weft/tracing";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { formatSchema } from "./format-schema.js";
import { graphTree } from "./graph-tree.js";

class Split extends LeafModule {
  readonly inputSchema = z.object({ text: z.string(), limit: z.number().int().optional() });
  readonly outputSchema = z.array(z.string());
  forward(input: { text: string }) {
    return input.text.split(". ");
  }
}

class Facts extends Module {
  split = new Split();
  each = new LLMInference({
    alias: "fast",
    outputSchema: z.object({ claim: z.string(), kind: z.enum(["fact", "opinion"]) }),
  });
  forward(text: Value<string>) {
    return map(this.split.call({ text }), (sentence) => this.each.call(prompt`Classify: ${sentence}`));
  }
}

class Report extends Module {
  readonly inputSchema = z.object({ text: z.string(), long: z.boolean() });
  facts = new Facts();
  brief = new LLMInference({ alias: "fast" });
  full = new LLMInference({ alias: "smart" });
  forward(item: Value<{ text: string; long: boolean }>) {
    const text = item.get("text");
    const summary = when(
      item.get("long"),
      () => this.full.call(prompt`Summarize fully: ${text}`),
      () => this.brief.call(prompt`Summarize: ${text}`),
    );
    return { summary, facts: this.facts.call(text) };
  }
}

describe("graphTree", () => {
  it("draws composites by module path, branch guards, schemas, and map bodies under their map", () => {
    const module = new Report();
    const tree = graphTree(tracePipeline(module), module).join("\n");
    expect(tree).toMatchInlineSnapshot(`
      "Report
      ├─ input:input_0  input
      ├─ get_1  get "text"  <- input:input_0
      ├─ get_2  get "long"  <- input:input_0
      ├─ when_3  when (then | otherwise)  <- get_2
      ├─ prompt_4  prompt  <- get_1  [when_3 = then]
      ├─ full: LLMInference_5  llm, alias smart  <- prompt_4  [when_3 = then]
      │    in:  string (the prompt)
      │    out: string
      ├─ prompt_6  prompt  <- get_1  [when_3 = otherwise]
      ├─ brief: LLMInference_7  llm, alias fast  <- prompt_6  [when_3 = otherwise]
      │    in:  string (the prompt)
      │    out: string
      ├─ join_8  join  <- when_3, LLMInference_5, LLMInference_7
      └─ facts (Facts)
         ├─ split: Split_9  leaf Split  <- get_1
         │    in:  { text: string, limit?: integer }
         │    out: string[]
         └─ map_10  map  <- Split_9
            ├─ map_10[*].element  input
            ├─ map_10[*].index  input
            ├─ map_10[*].prompt_1  prompt  <- map_10[*].element
            └─ each: map_10[*].LLMInference_2  llm, alias fast  <- map_10[*].prompt_1
                 in:  string (the prompt)
                 out: { claim: string, kind: "fact" | "opinion" }"
    `);
  });
});

describe("formatSchema", () => {
  it("writes schemas as short TypeScript-like types", () => {
    expect(
      formatSchema(
        z.object({
          a: z.string(),
          b: z.array(z.number()).optional(),
          c: z.union([z.literal("x"), z.null()]),
        }),
        "output",
      ),
    ).toBe('{ a: string, b?: number[], c: "x" | null }');
    expect(formatSchema(z.string().transform(Number), "input")).toBe("string");
  });
});
