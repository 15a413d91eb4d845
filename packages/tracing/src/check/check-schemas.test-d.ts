import { LLMInference, Module, type Value } from "@weft/core";
import { describe, expectTypeOf, it } from "vitest";
import { z } from "zod";
import { Counter } from "../test-support/modules.js";

class Typed extends Module {
  judge = new LLMInference({ alias: "judge", outputSchema: z.object({ score: z.number() }) });
  writer = new LLMInference({
    alias: "writer",
    outputSchema: z.object({ text: z.string(), extra: z.number() }),
  });
  counter = new Counter();

  forward(text: Value<string>) {
    // @ts-expect-error an LLM output { score: number } does not fit Counter's declared input { text: string }
    const wrong = this.counter.call(this.judge.call(text));
    const right = this.counter.call(this.writer.call(text));
    return { wrong, right };
  }
}

describe("typed wiring", () => {
  it("accepts an output that fits the declared input, and types the result from the output schema", () => {
    expectTypeOf(new Typed().judge.call("x")).toEqualTypeOf<Value<{ score: number }>>();
    expectTypeOf(new Typed().counter.call({ text: "x" })).toEqualTypeOf<Value<{ n: number }>>();
  });
});
