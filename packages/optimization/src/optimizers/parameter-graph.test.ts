import { LLMInference, Module, Parameter, prompt, type Value } from "@weft/core";
import { describe, expect, it } from "vitest";
import { recordRun } from "../tape/record-run.js";
import { getRecord } from "../tape/tape-registry.js";
import { echoModel, managerFor } from "../test-support/kit.js";
import { parameterOrder } from "./parameter-graph.js";

const param = (text: string) => new Parameter(text, { description: text });

class Diamond extends Module {
  top = new LLMInference({ alias: "task", systemPrompt: param("top") });
  left = new LLMInference({ alias: "task", systemPrompt: param("left") });
  right = new LLMInference({ alias: "task", systemPrompt: param("right") });
  join = new LLMInference({ alias: "task", systemPrompt: param("join") });
  forward(q: Value<string>) {
    const t = this.top.call(q);
    return this.join.call(prompt`${this.left.call(t)} ${this.right.call(t)}`);
  }
}

async function recordOf(module: Module, input: string) {
  const { manager } = managerFor({ task: echoModel() });
  const out = await recordRun(module.train(), input as never, { resources: manager });
  return getRecord(out.tapeId as string);
}

describe("parameterOrder (plait-spec 9.8)", () => {
  it("levels follow the graph: siblings share a level, in declaration order", async () => {
    const model = new Diamond();
    const order = parameterOrder(model.parameters(), [await recordOf(model, "q")]);
    expect(order.levels.map((level) => level.map((p) => p.hierarchicalName))).toEqual([
      ["top.systemPrompt"],
      ["left.systemPrompt", "right.systemPrompt"],
      ["join.systemPrompt"],
    ]);
    const join = model.join.systemPrompt as Parameter;
    expect([...(order.upstream.get(join) ?? [])].map((p) => p.hierarchicalName).sort()).toEqual([
      "left.systemPrompt",
      "right.systemPrompt",
      "top.systemPrompt",
    ]);
  });

  it("a parameter in no graph still gets a level; a cycle is broken one parameter per level by position", async () => {
    const shared = param("shared");
    class Loop extends Module {
      a = new LLMInference({ alias: "task", systemPrompt: shared });
      b = new LLMInference({ alias: "task", systemPrompt: param("b") });
      c = new LLMInference({ alias: "task", systemPrompt: shared });
      forward(q: Value<string>) {
        return this.c.call(this.b.call(this.a.call(q)));
      }
    }
    const model = new Loop();
    const unused = param("unused");
    const order = parameterOrder([...model.parameters(), unused], [await recordOf(model, "q")]);
    expect(order.levels.map((level) => level.map((p) => p.value))).toEqual([["unused"], ["shared"], ["b"]]);
  });

  it("unites the graphs of several records", async () => {
    const model = new Diamond();
    const records = [await recordOf(model, "a"), await recordOf(model, "b")];
    expect(parameterOrder(model.parameters(), records).levels).toHaveLength(3);
  });
});
