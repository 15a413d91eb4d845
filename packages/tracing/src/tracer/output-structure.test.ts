import { isValueRef, Module, Value, ValueKind } from "@weft/core";
import { describe, expect, it } from "vitest";
import { evaluate } from "../test-support/evaluate.js";
import { Upper } from "../test-support/modules.js";
import { trace } from "./tracer.js";

class Shaped extends Module {
  upper = new Upper();
  constructor(readonly shape: (up: Value<string>, text: Value<string>) => unknown) {
    super();
  }
  forward(text: Value<string>) {
    return this.shape(this.upper.call(text), text);
  }
}

const shapeOf = (shape: (up: Value<string>, text: Value<string>) => unknown) =>
  trace(new Shaped(shape), "ab");

describe("output structure (plait-spec 6.2 steps 4-5, preserved exactly)", () => {
  it("a single Value is its ref", () => {
    const graph = shapeOf((up) => up);
    expect(isValueRef(graph.output) && graph.output.ref).toBe("Upper_1");
    expect(graph.outputIds).toEqual(["Upper_1"]);
  });

  it("arrays stay arrays, objects keep their keys and order, a one-key object is not unwrapped", () => {
    const graph = shapeOf((up, text) => ({ only: [up, { deep: text }] }));
    const output = graph.output as { only: [unknown, { deep: unknown }] };
    expect(Object.keys(output)).toEqual(["only"]);
    expect(Array.isArray(output.only)).toBe(true);
    expect(isValueRef(output.only[0])).toBe(true);
    expect(isValueRef(output.only[1].deep)).toBe(true);
    expect(graph.outputIds).toEqual(["Upper_1", "input:input_0"]);
  });

  it("keeps literals (Values without a ref and raw data) in place; they add no output id", async () => {
    const literal = new Value(ValueKind.INT, 3);
    const graph = shapeOf((up) => ({ up, n: literal, raw: "x", none: null }));
    expect(graph.outputIds).toEqual(["Upper_1"]);
    const { output } = await evaluate(graph);
    const result = output as { up: Value; n: Value; raw: string; none: null };
    expect(result.up.payload).toBe("AB");
    expect(result.n).toBe(literal);
    expect(result.raw).toBe("x");
    expect(result.none).toBeNull();
  });

  it("returning an input as is makes the input an output", () => {
    const graph = shapeOf((_up, text) => text);
    expect(graph.outputIds).toEqual(["input:input_0"]);
    expect(graph.order).toEqual(["input:input_0"]);
    expect(graph.isLive("Upper_1")).toBe(false);
  });
});
