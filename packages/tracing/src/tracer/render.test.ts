import { LLMInference, Module, Parameter, prompt, type Value } from "@weft/core";
import { describe, expect, it } from "vitest";
import type { RenderNode } from "../graph/node-types.js";
import { evaluate } from "../test-support/evaluate.js";
import { Upper } from "../test-support/modules.js";
import { trace } from "./tracer.js";

class Report extends Module {
  tone = new Parameter("Be kind.", { description: "Tone of the report" });
  upper = new Upper();
  llm = new LLMInference({ alias: "writer" });
  forward(title: Value<string>, body: Value<string>) {
    const loud = this.upper.call(title);
    return this.llm.call(prompt`${this.tone}\n# ${loud}\n${body}\n${[loud, 1]} ${{ t: title }}`);
  }
}

describe("prompt templates record a render node (template dependencies)", () => {
  it("depends on every interpolated Value, also inside arrays and objects, and on parameters", () => {
    const graph = trace(new Report(), "t", "b");
    const node = graph.node("prompt_2") as RenderNode;
    expect(node.kind).toBe("render");
    expect(node.dependencies).toEqual(["param:tone", "Upper_1", "input:input_1", "input:input_0"]);
    expect(node.strings).toEqual(["", "\n# ", "\n", "\n", " ", ""]);
    expect(graph.node("LLMInference_3").dependencies).toEqual(["prompt_2"]);
    expect(graph.ancestors("LLMInference_3")).toEqual(
      new Set(["prompt_2", "Upper_1", "input:input_0", "input:input_1"]),
    );
  });

  it("renders at execution the text the template renders directly", async () => {
    const graph = trace(new Report(), "t", "b");
    const { results } = await evaluate(graph);
    const direct = prompt`${new Parameter("Be kind.", { requiresGrad: false })}\n# T\nb\n${["T", 1]} ${{ t: "t" }}`;
    expect(results.get("prompt_2")?.payload).toBe(direct.payload);
    expect(results.get("LLMInference_3")?.payload).toBe(`writer:${direct.payload}`);
  });

  it("renders a template of literals at once, with no node", () => {
    class Plain extends Module {
      forward() {
        return prompt`a ${1} b`;
      }
    }
    const graph = trace(new Plain());
    expect(graph.nodes.size).toBe(0);
    expect((graph.output as Value).payload).toBe("a 1 b");
  });
});
