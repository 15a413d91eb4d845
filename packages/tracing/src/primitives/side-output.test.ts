import { LeafModule, LLMInference, Module, prompt, Value, ValueKind } from "@weft/core";
import { describe, expect, it } from "vitest";
import { evaluate } from "../test-support/evaluate.js";
import { Upper } from "../test-support/modules.js";
import { trace } from "../tracer/tracer.js";
import { map } from "./map.js";
import { sideOutput } from "./side-output.js";
import { withPriority } from "./with-priority.js";

class Audit extends LeafModule {
  async forward(text: string) {
    return { audited: text };
  }
}

class Service extends Module {
  audit = new Audit();
  upper = new Upper();
  answer = new LLMInference({ alias: "a" });
  forward(text: Value<string>) {
    this.upper.call(text); // neither returned nor marked: does not run
    sideOutput("audit", this.audit.call(text));
    return this.answer.call(prompt`${text}`);
  }
}

describe("side outputs", () => {
  it("make their nodes live although forward does not return them; unmarked dead nodes do not run", async () => {
    const graph = trace(new Service(), "hi");
    expect(graph.sideOutputIds).toEqual(["Audit_2"]);
    expect(graph.outputIds).toEqual(["LLMInference_4"]);
    expect(graph.isLive("Audit_2")).toBe(true);
    expect(graph.isLive("Upper_1")).toBe(false);
    expect(graph.order).not.toContain("Upper_1");
    const result = await evaluate(graph);
    expect(new Set(result.ran)).toEqual(new Set(["Audit_2", "prompt_3", "LLMInference_4"]));
    expect((result.sideOutputs.get("audit") as Value).payload).toEqual({ audited: "hi" });
  });

  it("are recorded per element inside a map body", async () => {
    class Each extends Module {
      audit = new Audit();
      forward(items: Value<string[]>) {
        return map(items, (item) => {
          sideOutput("seen", this.audit.call(item));
          return item;
        });
      }
    }
    const graph = trace(new Each(), new Value(ValueKind.STRUCTURED, ["a", "b"]));
    const result = await evaluate(graph);
    expect([...result.sideOutputs.keys()]).toEqual(["map_1[0].seen", "map_1[1].seen"]);
    expect((result.sideOutputs.get("map_1[1].seen") as Value).payload).toEqual({ audited: "b" });
  });

  it("reject a second side output with the same name, and do nothing outside a trace", () => {
    class Twice extends Module {
      upper = new Upper();
      forward(text: Value<string>) {
        sideOutput("x", text);
        sideOutput("x", this.upper.call(text));
        return text;
      }
    }
    expect(() => trace(new Twice(), "a")).toThrow(expect.objectContaining({ code: "duplicate_side_output" }));
    expect(sideOutput("x", 5)).toBe(5);
  });
});

describe("withPriority", () => {
  it("sets the priority of every node recorded inside, 0 elsewhere", () => {
    class Urgent extends Module {
      upper = new Upper();
      forward(text: Value<string>) {
        const first = withPriority(-2, () => this.upper.call(prompt`${text}!`));
        return [first, this.upper.call(text)];
      }
    }
    const graph = trace(new Urgent(), "a");
    expect([...graph.nodes.values()].map((node) => [node.id, node.priority])).toEqual([
      ["input:input_0", 0],
      ["prompt_1", -2],
      ["Upper_2", -2],
      ["Upper_3", 0],
    ]);
    expect(withPriority(1, () => "plain")).toBe("plain");
  });
});
