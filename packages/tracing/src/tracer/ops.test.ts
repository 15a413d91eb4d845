import { F, LeafModule, Module, toValue, unwrap, type Value, ValueKind } from "@weft/core";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { OpNode } from "../graph/node-types.js";
import { evaluate } from "../test-support/evaluate.js";
import { trace } from "./tracer.js";

/** A leaf that produces fixed data at execution (a placeholder while tracing). */
class Source extends LeafModule {
  constructor(readonly data: unknown) {
    super();
  }
  async forward(): Promise<unknown> {
    return this.data;
  }
}

class OpCase extends Module {
  constructor(
    readonly sources: Source[],
    readonly apply: (...values: Value[]) => unknown,
  ) {
    super();
  }
  forward() {
    return this.apply(...this.sources.map((source) => source.call()));
  }
}

function summary(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(summary);
  const value = x as Value;
  if (value.isError()) return { kind: value.kind, error: (value.error as Error).message };
  return { kind: value.kind, payload: unwrap(value) };
}

const response = { content: "hi", usage: { prompt_tokens: 3, completion_tokens: 4 }, model: "m" };

const cases: [op: string, inputs: unknown[], apply: (...v: Value[]) => unknown][] = [
  ["render", ["Hi {name}", { name: "Ada" }], (t, v) => F.render(t as Value<string>, v as Value)],
  ["render", ["Hi {name}", { other: 1 }], (t, v) => F.render(t as Value<string>, v as Value)],
  ["tryRender", ["{a}-{b}", { a: 1, b: 2 }], (t, v) => F.tryRender(t as Value<string>, v as Value)],
  ["format", ["{x:>4}", { x: 7 }], (t, v) => F.format(t as Value<string>, v as Value)],
  ["concat", ["a", "b"], (a, b) => F.concat([a as Value<string>, "-", b as Value<string>], { sep: "," })],
  ["concat", ["a", 1], (a, b) => F.concat([a as Value<string>, b as Value])],
  ["strip", ["  x  "], (t) => F.strip(t as Value<string>)],
  ["strip", ["--x--"], (t) => F.strip(t as Value<string>, "-")],
  ["lower", ["AbC"], (t) => F.lower(t as Value<string>)],
  ["upper", ["AbC"], (t) => F.upper(t as Value<string>)],
  ["parseStructured", ['{"a":1}'], (t) => F.parseStructured(t as Value<string>)],
  [
    "parseStructured",
    ['{"a":"x"}'],
    (t) => F.parseStructured(t as Value<string>, z.object({ a: z.number() })),
  ],
  ["select", [{ a: { b: [1, 2] } }], (s) => F.select(s, ["a", "b", 1])],
  ["select", [{ a: 1 }], (s) => F.select(s, "x.y", { default: 0 })],
  ["merge", [{ a: 1 }, { b: 2 }], (a, b) => F.merge(a, b)],
  ["coerce", ["42"], (t) => F.coerce(t, ValueKind.INT)],
  ["coerce", [{ b: 1, a: 2 }], (t) => F.coerce(t, ValueKind.TEXT)],
  ["add", [2, 3], (a, b) => F.add(a as Value<number>, b as Value<number>)],
  ["sub", [2, 3.5], (a, b) => F.sub(a as Value<number>, b as Value<number>)],
  ["mul", [2, 3], (a, b) => F.mul(a as Value<number>, b as Value<number>)],
  ["div", [3, 0], (a, b) => F.div(a as Value<number>, b as Value<number>)],
  ["sum", [[1, 2, 3]], (l) => F.sum(l as Value<number[]>)],
  ["min", [[4, 2, 3]], (l) => F.min(l as Value<number[]>)],
  ["max", [[]], (l) => F.max(l as Value<number[]>)],
  ["mean", [[1, 2]], (l) => F.mean(l as Value<number[]>)],
  ["extractText", [response], (r) => F.extractText(r)],
  ["extractMeta", [response], (r) => F.extractMeta(r)],
  ["withMeta", ["x"], (v) => F.withMeta(v, { score: 1 })],
  ["unwrapOr", [new Error("bad")], (v) => F.unwrapOr(v, "fallback")],
  ["isError", [new Error("bad")], (v) => F.isError(v)],
  ["mapValues", [[1, 2]], (l) => F.mapValues((v: Value<number>) => v.payload * 10, l as Value<number[]>)],
  [
    "zipValues",
    [
      [1, 2],
      ["a", "b"],
    ],
    (a, b) => F.zipValues(a as Value, b as Value),
  ],
  ["stackStructured", [[{ a: 1 }, [2]]], (l) => F.stackStructured(l as Value)],
];

describe("functional ops while tracing (each op traced, then executed)", () => {
  it.each(cases)(
    "F.%s records an op node whose executor matches the direct op",
    async (op, inputs, apply) => {
      const sources = inputs.map((data) => new Source(data));
      const graph = trace(new OpCase(sources, apply));
      const ops = [...graph.nodes.values()].filter((node): node is OpNode => node.kind === "op");
      expect(ops.map((node) => node.op)).toContain(`F.${op}`);
      const opNode = ops.find((node) => node.op === `F.${op}`) as OpNode;
      expect(opNode.dependencies.every((dep) => dep.startsWith("Source_"))).toBe(true);
      const { output } = await evaluate(graph);
      const direct = apply(...inputs.map((data) => toValue(data) as Value));
      expect(summary(output)).toEqual(summary(direct));
    },
  );

  it("does not record an op whose inputs are all literals", () => {
    class Literal extends Module {
      forward() {
        return F.upper("abc");
      }
    }
    const graph = trace(new Literal());
    expect(graph.nodes.size).toBe(0);
    expect((graph.output as Value).payload).toBe("ABC");
  });

  it("F.chatComplete cannot be traced and says what to use instead", () => {
    class Chat extends Module {
      source = new Source([]);
      forward() {
        return F.chatComplete({ chat: { completions: { create: async () => ({}) } } } as never, {
          messages: this.source.call() as never,
        });
      }
    }
    expect(() => trace(new Chat())).toThrow(/LLMInference/);
  });
});
