import { LeafModule, Module, type Value } from "@weft/core";
import { describe, expectTypeOf, it } from "vitest";
import { run } from "./run.js";
import type { RunResult } from "./run-result.js";

class Count extends LeafModule {
  forward(text: string): { n: number } {
    return { n: text.length };
  }
}

class Pipeline extends Module {
  count = new Count();
  forward(text: Value<string>) {
    return { count: this.count.call(text) };
  }
}

describe("run types", () => {
  it("takes a bound module like the module itself, with the same input and output types", () => {
    const bound = new Pipeline().bind({});
    expectTypeOf(run(bound, "text")).toEqualTypeOf<Promise<RunResult<{ count: { n: number } }>>>();
    expectTypeOf(run(new Pipeline(), "text")).toEqualTypeOf<Promise<RunResult<{ count: { n: number } }>>>();
    // @ts-expect-error the input is a string
    void run(bound, 42);
    // A bound module's own call still resolves to plain data.
    expectTypeOf(bound.call("text")).toEqualTypeOf<Promise<{ count: { n: number } }>>();
  });
});
