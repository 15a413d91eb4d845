import { LeafModule, LLMInference, Module, prompt, Value, ValueKind } from "@weft/core";
import { describe, expect, it } from "vitest";
import type { JoinNode, RouteNode } from "../graph/node-types.js";
import { evaluate } from "../test-support/evaluate.js";
import { Upper } from "../test-support/modules.js";
import { trace } from "../tracer/tracer.js";
import { map } from "./map.js";
import { route, when } from "./route.js";

class Classify extends LeafModule {
  async forward(text: string): Promise<string> {
    return text.startsWith("?") ? "question" : text.startsWith("!") ? "complaint" : "other";
  }
}

class Desk extends Module {
  classify = new Classify();
  answer = new LLMInference({ alias: "answer" });
  escalate = new LLMInference({ alias: "escalate" });
  upper = new Upper();
  constructor(readonly fallback?: "question") {
    super();
  }
  forward(ticket: Value<string>) {
    return route(
      this.classify.call(ticket),
      {
        question: () => this.answer.call(prompt`Answer: ${ticket}`),
        complaint: this.escalate,
        shout: this.upper,
      },
      { args: [ticket], ...(this.fallback ? { fallback: this.fallback } : {}) },
    );
  }
}

describe("route / when: a branch chosen at execution", () => {
  it("records a route node, guarded branch nodes that wait for it, and a join", () => {
    const graph = trace(new Desk(), "?");
    const routeNode = graph.node("route_2") as RouteNode;
    expect(routeNode).toMatchObject({
      kind: "route",
      selector: "key",
      branches: ["question", "complaint", "shout"],
      fallback: null,
    });
    expect(graph.node("prompt_3")).toMatchObject({ guard: { route: "route_2", branch: "question" } });
    expect(graph.node("prompt_3").dependencies).toEqual(["input:input_0", "route_2"]);
    expect(graph.node("LLMInference_5")).toMatchObject({ guard: { route: "route_2", branch: "complaint" } });
    const join = graph.node("join_7") as JoinNode;
    expect(join.route).toBe("route_2");
    expect(join.dependencies).toEqual(["route_2", "LLMInference_4", "LLMInference_5", "Upper_6"]);
    expect(Object.keys(join.branchOutputs)).toEqual(["question", "complaint", "shout"]);
    expect(graph.outputIds).toEqual(["join_7"]);
  });

  it("runs only the branch taken; the others are skipped, not failed, and never run", async () => {
    const question = await evaluate(trace(new Desk(), "?why"));
    expect((question.output as Value).payload).toBe("answer:Answer: ?why");
    expect(question.ran).toEqual(["Classify_1", "route_2", "prompt_3", "LLMInference_4", "join_7"]);
    expect([...question.skipped]).toEqual(["LLMInference_5", "Upper_6"]);
    const complaint = await evaluate(trace(new Desk(), "!bad"));
    expect((complaint.output as Value).payload).toBe("escalate:!bad");
    expect([...complaint.skipped]).toEqual(["prompt_3", "LLMInference_4", "Upper_6"]);
  });

  it("a key naming no branch takes the fallback, or gives an ERROR Value and runs nothing", async () => {
    const withFallback = await evaluate(trace(new Desk("question"), "plain"));
    expect((withFallback.output as Value).payload).toBe("answer:Answer: plain");
    const without = await evaluate(trace(new Desk(), "plain"));
    const error = without.output as Value;
    expect(error.isError()).toBe(true);
    expect((error.error as Error).message).toMatch(/No branch for key "other"/);
    expect([...without.skipped]).toEqual(["prompt_3", "LLMInference_4", "LLMInference_5", "Upper_6"]);
  });

  it("when: then on a truthy condition, otherwise else (empty data is false)", async () => {
    class Maybe extends Module {
      upper = new Upper();
      forward(flag: Value<unknown>, text: Value<string>) {
        return when(
          flag,
          () => this.upper.call(text),
          () => text,
        );
      }
    }
    for (const [flag, expected] of [
      [true, "HI"],
      [[], "hi"],
      [{ a: 1 }, "HI"],
      [0, "hi"],
      ["", "hi"],
    ] as const) {
      const graph = trace(new Maybe(), flag, "hi");
      expect((graph.node("when_1") as RouteNode).selector).toBe("truthy");
      const { output } = await evaluate(graph);
      expect((output as Value).payload).toBe(expected);
    }
  });

  it("nests, and a branch can hold a map; skipping propagates into nested branches", async () => {
    class Nested extends Module {
      classify = new Classify();
      upper = new Upper();
      forward(text: Value<string>, items: Value<string[]>) {
        return when(
          text,
          () =>
            route(this.classify.call(text), {
              question: () => map(items, this.upper),
              other: () => text,
            }),
          () => text,
        );
      }
    }
    const list = (items: string[]) => new Value(ValueKind.STRUCTURED, items);
    const graph = trace(new Nested(), "?q", list(["a", "b"]));
    expect(graph.node("route_3").guard).toEqual({ route: "when_1", branch: "then" });
    const taken = await evaluate(graph);
    expect(((taken.output as Value).payload as Value[]).map((v) => v.payload)).toEqual(["A", "B"]);
    const empty = await evaluate(trace(new Nested(), "", list(["a"])));
    expect((empty.output as Value).payload).toBe("");
    expect(empty.skipped).toEqual(new Set(["Classify_2", "route_3", "map_4", "join_5"]));
  });

  it("rejects a Value made in one branch and used outside it", () => {
    class Leaks extends Module {
      upper = new Upper();
      forward(text: Value<string>) {
        let inner: Value<string> = text;
        when(
          text,
          () => {
            inner = this.upper.call(text);
            return inner;
          },
          () => text,
        );
        return inner;
      }
    }
    expect(() => trace(new Leaks(), "x")).toThrow(
      expect.objectContaining({ code: "escaped_scope", ref: "Upper_2" }),
    );
  });

  it("rejects bad branches and fallbacks, and decides at once outside a trace", () => {
    expect(() => route(new Value(ValueKind.TEXT, "a"), {})).toThrow(
      expect.objectContaining({ code: "bad_branches" }),
    );
    expect(() => route("a", { a: () => 1 }, { fallback: "b" as never })).toThrow(
      expect.objectContaining({ code: "bad_fallback" }),
    );
    expect(
      route(new Value(ValueKind.TEXT, "b"), { a: () => 1, b: () => new Value(ValueKind.INT, 2) }).payload,
    ).toBe(2);
    expect(
      when(
        0,
        () => "yes",
        () => "no",
      ).payload,
    ).toBe("no");
  });
});
