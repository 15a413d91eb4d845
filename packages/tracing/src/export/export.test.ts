import { LeafModule, Module, Value, ValueKind } from "@weft/core";
import { describe, expect, it } from "vitest";
import { map } from "../primitives/map.js";
import { when } from "../primitives/route.js";
import { Analyzer, Upper } from "../test-support/modules.js";
import { trace } from "../tracer/tracer.js";

class Split extends LeafModule {
  async forward(text: string) {
    return text.split(",");
  }
}

class Mixed extends Module {
  split = new Split();
  upper = new Upper();
  forward(text: Value<string>) {
    this.upper.call(text);
    const each = map(this.split.call(text), this.upper);
    return {
      each,
      maybe: when(
        text,
        () => this.upper.call(text),
        () => text,
      ),
    };
  }
}

describe("DOT export (plait visualize_graph)", () => {
  it("writes the header, one line per node with its shape and one edge per dependency", () => {
    const dot = trace(new Analyzer(), "t").toDot();
    const lines = dot.trim().split("\n");
    expect(lines.slice(0, 2)).toEqual(["digraph InferenceGraph {", "  rankdir=TB;"]);
    expect(lines.at(-1)).toBe("}");
    expect(dot).toContain('"input:input_0" [label="Input(input_0)", shape=box];');
    expect(dot).toContain('"LLMInference_2" [label="LLMInference\\nsummarize.llm", shape=doubleoctagon];');
    expect(dot).toContain('"prompt_3" [label="prompt", shape=ellipse];');
    expect(dot).toContain('"prompt_1" -> "LLMInference_2";');
    expect(dot).not.toContain("param:");
    class Identity extends Module {
      forward(text: Value<string>) {
        return text;
      }
    }
    // An input that is also an output keeps its input shape.
    expect(trace(new Identity(), "t").toDot()).toContain(
      '"input:input_0" [label="Input(input_0)", shape=box];',
    );
    expect(trace(new Analyzer(), "t").toDot({ showPaths: false })).toContain(
      '"LLMInference_2" [label="LLMInference", shape=doubleoctagon];',
    );
  });

  it("draws map templates as clusters, route branches with their branch, dead nodes dotted", () => {
    const dot = trace(new Mixed(), "a").toDot();
    expect(dot).toContain('subgraph "cluster_map_3" {');
    expect(dot).toContain('"map_3[*].Upper_1" [label="Upper\\nupper", shape=doubleoctagon];');
    expect(dot).toContain('"map_3" -> "map_3[*].element" [style=dashed, label="each"];');
    expect(dot).toContain('"when_4" [label="when", shape=diamond];');
    expect(dot).toContain('"Upper_5" [label="Upper\\nupper\\n[then]", shape=ellipse];');
    expect(dot).toContain('"Upper_1" [label="Upper\\nupper", shape=ellipse, style=dotted];');
    expect(trace(new Mixed(), "a").toDot({ showDead: false })).not.toContain('"Upper_1"');
  });
});

describe("Mermaid export", () => {
  it("writes a flowchart with safe ids, shapes, subgraphs and edges", () => {
    const text = trace(new Mixed(), "a").toMermaid({ direction: "LR" });
    const lines = text.trim().split("\n");
    expect(lines[0]).toBe("flowchart LR");
    expect(lines).toContain('  n0[/"Input(input_0)"/]');
    expect(text).toMatch(/subgraph n\d+_body\["map_3: once per element"\]/);
    expect(text).toMatch(/n\d+\{"when"\}/);
    expect(text).toContain('"Upper<br/>upper<br/>[then]"');
    expect(text).toMatch(/n\d+ -.->\|each\| n\d+/);
    expect(lines.filter((line) => line.includes("-->")).length).toBeGreaterThan(5);
    expect(text).not.toMatch(/\[\*\]/);
  });

  it("escapes quotes and angle brackets in labels", () => {
    class Quoted extends Module {
      forward(text: Value) {
        return text.get('say "<hi>"');
      }
    }
    const text = trace(new Quoted(), new Value(ValueKind.STRUCTURED, {})).toMermaid();
    expect(text).toContain("#quot;");
    expect(text).toContain("#lt;hi#gt;");
  });
});
