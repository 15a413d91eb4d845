import {
  F,
  isValueRef,
  LeafModule,
  LLMInference,
  Module,
  Parameter,
  prompt,
  Value,
  ValueKind,
} from "@weft/core";
import { describe, expect, it } from "vitest";
import type { LeafNode, LLMNode } from "../graph/node-types.js";
import { Analyzer, Joiner, Summarizer, Upper } from "../test-support/modules.js";
import { Tracer, trace } from "./tracer.js";

class Twice extends Module {
  upper = new Upper();
  forward(text: Value<string>) {
    return [this.upper.call(text), this.upper.call(this.upper.call(text))];
  }
}

describe("Tracer.trace (plait-spec 6.2, 6.4)", () => {
  it("records a node per leaf call with its dependencies, args as ValueRefs and a placeholder back", () => {
    const graph = trace(new Twice(), "hi");
    expect([...graph.nodes.keys()]).toEqual(["input:input_0", "Upper_1", "Upper_2", "Upper_3"]);
    const second = graph.node("Upper_3") as LeafNode;
    expect(second.kind).toBe("leaf");
    expect(second.dependencies).toEqual(["Upper_2"]);
    expect(isValueRef(second.args[0]) && second.args[0].ref).toBe("Upper_2");
    expect(graph.outputIds).toEqual(["Upper_1", "Upper_3"]);
  });

  it("never runs a leaf while tracing", () => {
    const module = new Twice();
    trace(module, "hi");
    expect(module.upper.runs).toBe(0);
  });

  it("flattens composites: every LLM and leaf is its own node with its module path", () => {
    const graph = trace(new Analyzer(), "text");
    const llms = [...graph.nodes.values()].filter((node): node is LLMNode => node.kind === "llm");
    expect(llms.map((node) => [node.id, node.modulePath])).toEqual([
      ["LLMInference_2", "summarize.llm"],
      ["LLMInference_4", "judge"],
    ]);
    expect(graph.node("prompt_1").modulePath).toBe("summarize");
    expect(graph.node("prompt_3").modulePath).toBe("");
    expect((llms[0] as LLMNode).module).toBeInstanceOf(LLMInference);
  });

  it("keeps argument structure and literals, and lists param refs among the dependencies", () => {
    class Pair extends Module {
      join = new Joiner("-");
      fixed = new Parameter("p", { requiresGrad: false });
      forward(a: Value<string>) {
        return this.join.call(a, this.fixed as unknown as string);
      }
    }
    class Nested extends LeafModule {
      async forward(input: { items: string[]; n: number }) {
        return input.items.length + input.n;
      }
    }
    class Holder extends Module {
      nested = new Nested();
      forward(a: Value<string>) {
        return this.nested.call({ items: [a, "lit"], n: 3 });
      }
    }
    const pair = trace(new Pair(), "x");
    expect(pair.node("Joiner_1").dependencies).toEqual(["input:input_0", "param:fixed"]);
    expect(pair.parameterValue("param:fixed").payload).toBe("p");
    const holder = trace(new Holder(), "x");
    const [arg] = holder.node("Nested_1").args as [{ items: unknown[]; n: number }];
    expect(Object.keys(arg)).toEqual(["items", "n"]);
    expect(isValueRef(arg.items[0])).toBe(true);
    expect(arg.items[1]).toBe("lit");
    expect(arg.n).toBe(3);
  });

  it("calls the root composite's forward directly (no node for it) and records modules made in forward with no path", () => {
    class MakesItsOwn extends Module {
      forward(text: Value<string>) {
        return new Upper().call(text);
      }
    }
    const graph = trace(new MakesItsOwn(), "x");
    expect([...graph.nodes.keys()]).toEqual(["input:input_0", "Upper_1"]);
    expect(graph.node("Upper_1").modulePath).toBeNull();
  });

  it("records the branch taken when forward branches on configuration (re-trace per configuration)", () => {
    class Configured extends Module {
      upper = new Upper();
      constructor(readonly loud: boolean) {
        super();
      }
      forward(text: Value<string>) {
        return this.loud ? this.upper.call(text) : text;
      }
    }
    expect(trace(new Configured(true), "x").order).toEqual(["input:input_0", "Upper_1"]);
    expect(trace(new Configured(false), "x").order).toEqual(["input:input_0"]);
  });

  it("keeps dependencies unique and in first-seen order, also for many arguments", () => {
    class Many extends Module {
      upper = new Upper();
      forward(text: Value<string>) {
        const parts = Array.from({ length: 40 }, () => this.upper.call(text));
        return F.concat([...parts, ...parts.reverse(), text]);
      }
    }
    const graph = trace(new Many(), "x");
    const deps = graph.node("concat_41").dependencies;
    expect(deps).toEqual([...Array.from({ length: 40 }, (_, i) => `Upper_${i + 1}`), "input:input_0"]);
  });

  it("gives placeholders the kind the node will produce", () => {
    let kinds: ValueKind[] = [];
    class Kinds extends Module {
      text = new LLMInference({ alias: "a" });
      upper = new Upper();
      forward(x: Value<string>) {
        const a = this.text.call(x);
        const b = this.upper.call(x);
        const c = prompt`${a}`;
        kinds = [a.kind, b.kind, c.kind, x.kind];
        return c;
      }
    }
    trace(new Kinds(), "x");
    expect(kinds).toEqual([ValueKind.TEXT, ValueKind.OTHER, ValueKind.TEXT, ValueKind.TEXT]);
  });

  it("traces a leaf root as one node", () => {
    const graph = trace(new Upper(), "a");
    expect([...graph.nodes.keys()]).toEqual(["input:input_0", "Upper_1"]);
    expect(graph.node("Upper_1").modulePath).toBe("");
    expect(graph.output).toEqual(expect.objectContaining({ ref: "Upper_1" }));
  });

  it("has no input nodes without inputs and no outputs when forward returns only literals", () => {
    class Constant extends Module {
      forward() {
        return { a: 1, b: new Value(ValueKind.TEXT, "x") };
      }
    }
    const graph = trace(new Constant());
    expect(graph.inputIds).toEqual([]);
    expect(graph.outputIds).toEqual([]);
    expect(graph.order).toEqual([]);
  });

  it("resets between traces of a reused Tracer (ids restart)", () => {
    const tracer = new Tracer();
    const first = tracer.trace(new Twice(), "a");
    const second = tracer.trace(new Twice(), "b");
    expect([...second.nodes.keys()]).toEqual([...first.nodes.keys()]);
    expect(first.nodes.get("Upper_1")).not.toBe(second.nodes.get("Upper_1"));
  });

  it("restores the previous trace context after a trace, also when forward throws (6.1)", async () => {
    class Boom extends Module {
      forward(): never {
        throw new Error("boom");
      }
    }
    expect(() => trace(new Boom())).toThrow("boom");
    class Outer extends Module {
      inner = new Summarizer();
      forward(text: Value<string>) {
        // A trace inside a trace is independent and the outer one continues afterwards.
        const inner = trace(this.inner, "nested");
        expect(inner.order).toEqual(["input:input_0", "prompt_1", "LLMInference_2"]);
        return this.inner.call(text);
      }
    }
    const graph = trace(new Outer(), "t");
    expect([...graph.nodes.keys()]).toEqual(["input:input_0", "prompt_1", "LLMInference_2"]);
    // No handler is left behind: a direct leaf call runs again.
    await expect(new Upper().call("direct")).resolves.toBe("DIRECT");
  });

  it("lists the root's parameters by ref", () => {
    const graph = trace(new Analyzer(), "t");
    expect(graph.parameterRefs).toEqual(["param:summarize.style", "param:summarize.llm.systemPrompt"]);
    expect((graph.node("LLMInference_2") as LLMNode).parameterRefs).toEqual([
      "param:summarize.llm.systemPrompt",
    ]);
    expect(graph.node("prompt_1").dependencies).toEqual(["param:summarize.style", "input:input_0"]);
  });
});
