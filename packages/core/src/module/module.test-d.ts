import { describe, expectTypeOf, it } from "vitest";
import { z } from "zod";
import type { Parameter } from "../parameter/parameter.js";
import type { Value } from "../value/value.js";
import { LeafModule } from "./leaf-module.js";
import { Module } from "./module.js";

class Counter extends LeafModule {
  async forward(input: { text: string }): Promise<{ n: number }> {
    return { n: input.text.length };
  }
}

class Joiner extends LeafModule {
  forward(a: string, b: number[]): string {
    return a + b.join(",");
  }
}

class Checked extends LeafModule {
  readonly inputSchema = z.object({ text: z.string(), limit: z.number().default(3) });
  readonly outputSchema = z.object({ ok: z.boolean() });
  async forward(input: { text: string; limit: number }) {
    return { ok: input.text.length < input.limit };
  }
}

class Pipeline extends Module {
  counter = new Counter();
  forward(text: Value<string>): { count: Value<{ n: number }>; text: Value<string> } {
    return { count: this.counter.call({ text }), text };
  }
}

declare const text: Value<string>;
declare const doc: Value<{ text: string }>;
declare const param: Parameter<string>;

describe("module call types", () => {
  it("a leaf takes data, Values, Parameters or containers of them and returns a Value of its output", () => {
    const counter = new Counter();
    expectTypeOf(counter.call(doc)).toEqualTypeOf<Value<{ n: number }>>();
    expectTypeOf(counter.call({ text: "plain" })).toEqualTypeOf<Value<{ n: number }>>();
    expectTypeOf(counter.call({ text })).toEqualTypeOf<Value<{ n: number }>>();
    expectTypeOf(counter.call({ text: param })).toEqualTypeOf<Value<{ n: number }>>();
    expectTypeOf(new Joiner().call(text, [1, 2])).toEqualTypeOf<Value<string>>();
  });

  it("rejects wrong inputs", () => {
    const counter = new Counter();
    // @ts-expect-error a string is not { text: string }
    counter.call(text);
    // @ts-expect-error missing argument
    new Joiner().call(text);
    // @ts-expect-error b must be numbers
    new Joiner().call(text, ["x"]);
  });

  it("takes its types from declared zod schemas", () => {
    const checked = new Checked();
    expectTypeOf(checked.call({ text: "x" })).toEqualTypeOf<Value<{ ok: boolean }>>();
    // @ts-expect-error text must be a string
    checked.call({ text: 1 });
    expectTypeOf(checked.invoke({ text: "x" })).toEqualTypeOf<Promise<{ ok: boolean }>>();
  });

  it("a composite returns what its forward returns; bound, a Promise of plain data", () => {
    const pipeline = new Pipeline();
    expectTypeOf(pipeline.call("hello")).toEqualTypeOf<{
      count: Value<{ n: number }>;
      text: Value<string>;
    }>();
    const bound = pipeline.bind({});
    expectTypeOf(bound.call("hello")).toEqualTypeOf<Promise<{ count: { n: number }; text: string }>>();
    expectTypeOf(new Counter().bind({}).call({ text: "a" })).toEqualTypeOf<Promise<{ n: number }>>();
  });

  it("an output of one shape does not wire into an input of another", () => {
    const producer = new Checked();
    const counter = new Counter();
    // @ts-expect-error Value<{ ok: boolean }> is not { text: string }
    counter.call(producer.call({ text: "x" }));
  });
});
