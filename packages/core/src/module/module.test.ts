import { describe, expect, it } from "vitest";
import { UnknownParameterError } from "../errors/unknown-parameter-error.js";
import { LLMInference } from "../llm/llm-inference.js";
import { Parameter } from "../parameter/parameter.js";
import { ParameterDict } from "../parameter/parameter-dict.js";
import { ParameterList } from "../parameter/parameter-list.js";
import type { Value } from "../value/value.js";
import { LeafModule } from "./leaf-module.js";
import { Module } from "./module.js";

const fixed = (value: string) => new Parameter(value, { requiresGrad: false });
const learnable = (value: string) => new Parameter(value, { description: `learn ${value}` });

class Leaf extends LeafModule {
  weight = learnable("w");
  forward(x: string) {
    return x;
  }
}

class Inner extends Module {
  weight = learnable("inner-w");
  leaf = new Leaf();
  forward(x: Value<string>) {
    return this.leaf.call(x);
  }
}

class Outer extends Module {
  bias = fixed("b");
  inner = new Inner();
  prompts = new ParameterList([fixed("p0"), fixed("p1")]);
  tasks = new ParameterDict({ alpha: fixed("ta") });
  note = "not registered";
  forward(x: Value<string>) {
    return this.inner.call(x);
  }
}

describe("Module registration (plait-spec 5.1)", () => {
  it("registers class fields in declaration order: modules as children, parameters as parameters", () => {
    const outer = new Outer();
    expect(outer.namedChildren().map(([name]) => name)).toEqual(["inner"]);
    expect(outer.directParameters().map((p) => p.value)).toEqual(["b", "p0", "p1", "ta"]);
    expect(Object.keys(outer)).toContain("note");
  });

  it("registers assignments made in the constructor and later, in assignment order", () => {
    class Late extends Module {
      declare second: Leaf;
      constructor() {
        super();
        (this as { first?: Leaf }).first = new Leaf();
      }
      forward() {
        return undefined;
      }
    }
    const late = new Late();
    late.second = new Leaf();
    expect(late.namedChildren().map(([name]) => name)).toEqual(["first", "second"]);
  });

  it("re-assigning an attribute replaces the registration and keeps its place", () => {
    const outer = new Outer();
    const replacement = new Inner();
    outer.inner = replacement;
    expect(outer.children()).toEqual([replacement]);
    (outer as { bias: unknown }).bias = "plain now";
    expect(outer.directParameters().map((p) => p.value)).toEqual(["p0", "p1", "ta"]);
    (outer as { bias: unknown }).bias = fixed("b2");
    expect(outer.namedParameters().map(([name]) => name)[0]).toBe("bias");
  });

  it("deleting an attribute unregisters it", () => {
    const outer = new Outer();
    delete (outer as { inner?: Inner }).inner;
    expect(outer.children()).toEqual([]);
  });

  it("sets the child's name and parent, so parameter names are hierarchical", () => {
    const outer = new Outer();
    expect(outer.inner.leaf.weight.hierarchicalName).toBe("inner.leaf.weight");
    expect(outer.prompts.at(1).hierarchicalName).toBe("prompts.1");
    expect(outer.tasks.get("alpha").hierarchicalName).toBe("tasks.alpha");
  });

  it("a module assigned to itself is not its own child", () => {
    const outer = new Outer();
    (outer as unknown as { self: Outer }).self = outer;
    expect(outer.children()).toEqual([outer.inner]);
  });
});

describe("Module introspection (plait-spec 5.2)", () => {
  it("children() lists immediate children only; modules() is depth-first, self first", () => {
    const outer = new Outer();
    expect(outer.children()).toEqual([outer.inner]);
    expect(outer.modules()).toEqual([outer, outer.inner, outer.inner.leaf]);
    expect(outer.namedModules().map(([name]) => name)).toEqual(["", "inner", "inner.leaf"]);
    expect(outer.namedModules("root").map(([name]) => name)).toEqual([
      "root",
      "root.inner",
      "root.inner.leaf",
    ]);
  });

  it("parameters(): own, then containers, then children recursively, with dotted names", () => {
    const outer = new Outer();
    expect(outer.namedParameters().map(([name]) => name)).toEqual([
      "bias",
      "prompts.0",
      "prompts.1",
      "tasks.alpha",
      "inner.weight",
      "inner.leaf.weight",
    ]);
    expect(outer.parameters()).toHaveLength(6);
    expect(outer.namedParameters({ prefix: "m" }).map(([name]) => name)[0]).toBe("m.bias");
  });

  it("de-duplicates a shared parameter by identity, first name wins; the last assignment names it", () => {
    class Shared extends Module {
      p = learnable("shared");
      llm = new LLMInference({ alias: "a", systemPrompt: this.p });
      forward() {
        return undefined;
      }
    }
    const shared = new Shared();
    expect(shared.namedParameters().map(([name]) => name)).toEqual(["p"]);
    expect(shared.namedParameters({ removeDuplicate: false }).map(([name]) => name)).toEqual([
      "p",
      "llm.systemPrompt",
    ]);
    expect(shared.p.hierarchicalName).toBe("llm.systemPrompt");
  });

  it("directParameters() does not recurse", () => {
    const outer = new Outer();
    expect(outer.inner.directParameters()).toEqual([outer.inner.weight]);
  });

  it("stateDict() maps dotted names to values and round-trips through JSON", () => {
    const outer = new Outer();
    const state = outer.stateDict();
    expect(state).toEqual({
      bias: "b",
      "prompts.0": "p0",
      "prompts.1": "p1",
      "tasks.alpha": "ta",
      "inner.weight": "inner-w",
      "inner.leaf.weight": "w",
    });
    const other = new Outer();
    other.loadStateDict(JSON.parse(JSON.stringify({ ...state, bias: "B", "inner.leaf.weight": "W" })));
    expect(other.bias.value).toBe("B");
    expect(other.inner.leaf.weight.value).toBe("W");
  });

  it("loadStateDict: unknown key throws a typed error and assigns nothing; partial loads are allowed", () => {
    const outer = new Outer();
    const attempt = () => outer.loadStateDict({ bias: "changed", "inner.nope": "x" });
    expect(attempt).toThrow(UnknownParameterError);
    expect(attempt).toThrow(/Unknown parameter: inner\.nope/);
    expect(outer.bias.value).toBe("b");
    outer.loadStateDict({ "prompts.1": "P1" });
    expect(outer.prompts.at(1).value).toBe("P1");
    expect(outer.bias.value).toBe("b");
  });

  it("loadStateDict assigns directly: no state-version bump, feedback kept", () => {
    const outer = new Outer();
    outer.inner.weight.accumulateFeedback("more detail");
    outer.loadStateDict({ "inner.weight": "new" });
    expect(outer.inner.stateVersion).toBe(0);
    expect(outer.inner.weight.getAccumulatedFeedback()).toEqual(["more detail"]);
  });

  it("train()/eval() propagate and return the module; the default is eval", () => {
    const outer = new Outer();
    expect(outer.modules().map((m) => m.training)).toEqual([false, false, false]);
    expect(outer.train()).toBe(outer);
    expect(outer.modules().map((m) => m.training)).toEqual([true, true, true]);
    expect(outer.inner.eval()).toBe(outer.inner);
    expect(outer.modules().map((m) => m.training)).toEqual([true, false, false]);
    outer.train(false);
    expect(outer.training).toBe(false);
  });
});
