import { describe, expectTypeOf, it } from "vitest";
import { z } from "zod";
import { LeafModule } from "../module/leaf-module.js";
import { prompt } from "../prompt/prompt.js";
import { Value } from "../value/value.js";
import { ValueKind } from "../value/value-kind.js";
import { LLMInference } from "./llm-inference.js";
import { defineTool } from "./tool.js";

class Summarize extends LeafModule {
  readonly inputSchema = z.object({ text: z.string() });
  async forward(input: { text: string }) {
    return input.text.slice(0, 10);
  }
}

// A hand-made placeholder, standing for what a traced call returns.
const question = Value.placeholder<string>(ValueKind.TEXT, "input:input_0");

describe("LLMInference types", () => {
  it("without an output schema, the output is text", () => {
    const llm = new LLMInference({ alias: "fast" });
    expectTypeOf(llm.call(question)).toEqualTypeOf<Value<string>>();
    expectTypeOf(llm.call(prompt`Q: ${question}`)).toEqualTypeOf<Value<string>>();
    expectTypeOf(llm.call("plain text")).toEqualTypeOf<Value<string>>();
  });

  it("with an output schema, the output is the schema's type", () => {
    const judge = new LLMInference({ alias: "judge", outputSchema: z.object({ score: z.number() }) });
    const verdict = judge.call(question);
    expectTypeOf(verdict).toEqualTypeOf<Value<{ score: number }>>();
    expectTypeOf(verdict.get("score")).toEqualTypeOf<Value<number>>();
    expectTypeOf(judge.parseOutput("{}")).toEqualTypeOf<Value<{ score: number }>>();
    expectTypeOf(judge.bind({}).call("q")).toEqualTypeOf<Promise<{ score: number }>>();
  });

  it("its input is a prompt: structured data does not fit", () => {
    const llm = new LLMInference({ alias: "fast" });
    // @ts-expect-error an object is not a prompt
    llm.call({ text: "x" });
  });

  it("wiring an output { score: number } into an input { text: string } does not compile", () => {
    const judge = new LLMInference({ alias: "judge", outputSchema: z.object({ score: z.number() }) });
    const summarize = new Summarize();
    const verdict = judge.call(question);
    // @ts-expect-error Value<{ score: number }> is not Value<{ text: string }>
    summarize.call(verdict);
    const writer = new LLMInference({ alias: "w", outputSchema: z.object({ text: z.string() }) });
    expectTypeOf(summarize.call(writer.call(question))).toEqualTypeOf<Value<string>>();
  });

  it("defineTool types execute's arguments from the zod parameters", () => {
    defineTool({
      name: "add",
      description: "Adds",
      parameters: z.object({ a: z.number(), b: z.number().optional() }),
      execute: (args) => {
        expectTypeOf(args).toEqualTypeOf<{ a: number; b?: number | undefined }>();
        return args.a + (args.b ?? 0);
      },
    });
  });
});
