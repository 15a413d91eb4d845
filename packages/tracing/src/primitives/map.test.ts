import { LeafModule, LLMInference, Module, prompt, Value, ValueKind } from "@weft/core";
import { describe, expect, it } from "vitest";
import type { MapNode } from "../graph/node-types.js";
import { evaluate } from "../test-support/evaluate.js";
import { Summarizer, Upper } from "../test-support/modules.js";
import { trace } from "../tracer/tracer.js";
import { map } from "./map.js";

class Split extends LeafModule {
  async forward(text: string): Promise<string[]> {
    return text === "" ? [] : text.split(",");
  }
}

/** Fan-out over a list whose length is known only at execution, with a composite body. */
class PerSection extends Module {
  split = new Split();
  summarize = new Summarizer();
  forward(doc: Value<string>) {
    return map(this.split.call(doc) as Value<string[]>, this.summarize);
  }
}

describe("map: dynamic fan-out", () => {
  it("records one map node whose template is the body traced once, ids prefixed map_<n>[*].", () => {
    const graph = trace(new PerSection(), "a,b");
    expect(graph.order).toEqual(["input:input_0", "Split_1", "map_2"]);
    const node = graph.node("map_2") as MapNode;
    expect(node.dependencies).toEqual(["Split_1", "param:summarize.style"]);
    const template = node.template;
    expect(template.prefix).toBe("map_2[*].");
    expect(template.inputIds).toEqual(["map_2[*].element", "map_2[*].index"]);
    expect(template.order).toEqual(["map_2[*].element", "map_2[*].prompt_1", "map_2[*].LLMInference_2"]);
    expect(template.node("map_2[*].LLMInference_2").modulePath).toBe("summarize.llm");
    expect(template.captures).toEqual(["param:summarize.style"]);
  });

  it("instantiates the template per element with ids like map_2[7].LLMInference_2", () => {
    const template = (trace(new PerSection(), "x").node("map_2") as MapNode).template;
    const instance = template.instantiate(7);
    expect(instance.nodes.map((node) => node.id)).toEqual([
      "map_2[7].element",
      "map_2[7].prompt_1",
      "map_2[7].LLMInference_2",
    ]);
    expect(instance.nodes[2]?.dependencies).toEqual(["map_2[7].prompt_1"]);
    expect(instance.nodes[1]?.dependencies).toEqual(["param:summarize.style", "map_2[7].element"]);
    expect(instance.outputIds).toEqual(["map_2[7].LLMInference_2"]);
  });

  it("executes once per element and gathers the outputs into a list Value", async () => {
    for (const [doc, expected] of [
      ["a,b,c", ["fast:Be brief. Text: a", "fast:Be brief. Text: b", "fast:Be brief. Text: c"]],
      ["", []],
    ] as const) {
      const { output, ran } = await evaluate(trace(new PerSection(), doc));
      const list = output as Value<string[]>;
      expect(list.kind).toBe(ValueKind.STRUCTURED);
      expect(list.payload.map((item) => (item as unknown as Value).payload)).toEqual(expected);
      expect(ran.filter((id) => id.includes("LLMInference"))).toHaveLength(expected.length);
    }
  });

  it("nests: a map inside a map body, outer element captured by the inner body", async () => {
    class Grid extends Module {
      split = new Split();
      llm = new LLMInference({ alias: "cell" });
      forward(rows: Value<string>) {
        return map(this.split.call(rows) as Value<string[]>, (row, i) =>
          map(this.split.call(prompt`${row}`) as Value<string[]>, (cell) =>
            this.llm.call(prompt`${i}/${row}/${cell}`),
          ),
        );
      }
    }
    const graph = trace(new Grid(), "x");
    const outer = (graph.node("map_2") as MapNode).template;
    const inner = (outer.node("map_2[*].map_3") as MapNode).template;
    expect(inner.prefix).toBe("map_2[*].map_3[*].");
    expect(inner.captures).toEqual(["map_2[*].index", "map_2[*].element"]);
    expect(outer.node("map_2[*].map_3").dependencies).toEqual([
      "map_2[*].Split_2",
      "map_2[*].index",
      "map_2[*].element",
    ]);
    const renamed = (
      outer.instantiate(1).nodes.find((n) => n.kind === "map") as MapNode
    ).template.instantiate(0);
    expect(renamed.nodes.map((n) => n.id)).toContain("map_2[1].map_3[0].LLMInference_2");
    const { output } = await evaluate(graph);
    const rows = (output as Value).payload as Value[];
    expect(rows.map((row) => (row.payload as Value[]).map((cell) => cell.payload))).toEqual([["cell:0/x/x"]]);
  });

  it("captures outer Values: the map node depends on them (template dependencies)", () => {
    class WithContext extends Module {
      split = new Split();
      upper = new Upper();
      llm = new LLMInference({ alias: "a" });
      forward(doc: Value<string>, context: Value<string>) {
        const loud = this.upper.call(context);
        return map(this.split.call(doc) as Value<string[]>, (part) =>
          this.llm.call(prompt`${loud}: ${part}`),
        );
      }
    }
    const graph = trace(new WithContext(), "a,b", "ctx");
    expect(graph.node("map_3").dependencies).toEqual(["Split_2", "Upper_1"]);
    expect(graph.ancestors("map_3")).toEqual(
      new Set(["Split_2", "Upper_1", "input:input_0", "input:input_1"]),
    );
  });

  it("rejects a Value made in the body and used outside it", () => {
    class Leaks extends Module {
      split = new Split();
      upper = new Upper();
      forward(doc: Value<string>) {
        let leaked: Value | undefined;
        map(this.split.call(doc) as Value<string[]>, (part) => {
          leaked = this.upper.call(part);
          return leaked;
        });
        return leaked;
      }
    }
    expect(() => trace(new Leaks(), "a")).toThrow(
      expect.objectContaining({ code: "escaped_scope", ref: "map_2[*].Upper_1" }),
    );
  });

  it("unrolls an array (length known while tracing) into one call per element, no map node", () => {
    class Fixed extends Module {
      upper = new Upper();
      forward(a: Value<string>, b: Value<string>) {
        return map([a, b], this.upper);
      }
    }
    const graph = trace(new Fixed(), "a", "b");
    expect(graph.order).toEqual(["input:input_0", "input:input_1", "Upper_1", "Upper_2"]);
    expect(Array.isArray(graph.output)).toBe(true);
  });

  it("maps a concrete list Value now outside a trace", () => {
    const out = map(new Value(ValueKind.STRUCTURED, [1, 2]) as Value<number[]>, (v) => v.payload + 1);
    expect(out.payload).toEqual([2, 3]);
    expect(map(new Value(ValueKind.TEXT, "x") as unknown as Value<number[]>, (v) => v).isError()).toBe(true);
  });
});
