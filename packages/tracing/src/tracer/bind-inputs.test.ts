import { Module, Parameter, Value, ValueKind } from "@weft/core";
import { describe, expect, it } from "vitest";
import type { InputNode } from "../graph/node-types.js";
import { named } from "../primitives/named.js";
import { trace } from "./tracer.js";

/** Returns whatever it was given, so the bound structure is the output structure. */
class Echo extends Module {
  seen: unknown[] = [];
  forward(...args: unknown[]) {
    this.seen = args;
    return args;
  }
}

function inputNames(args: unknown[]): string[] {
  const graph = trace(new Echo(), ...(args as []));
  return graph.inputIds.map((id) => (graph.node(id) as InputNode).name);
}

describe("input binding and naming (plait-spec 6.3)", () => {
  it("names positional leaves input_<i> with one counter over every leaf", () => {
    expect(inputNames(["a", 2, [true, null]])).toEqual(["input_0", "input_1", "input_2", "input_3"]);
  });

  it("adds _<key> for objects inside positional arguments and keeps the global counter", () => {
    expect(inputNames([[{ a: "x", b: "y" }, { a: "z" }]])).toEqual(["input_a_0", "input_b_1", "input_a_2"]);
    expect(inputNames([{ text: "t", tags: ["p", "q"] }])).toEqual([
      "input_text_0",
      "input_tags_1",
      "input_tags_2",
    ]);
  });

  it("binds named({...}) by key: input_<key>, a list under a key input_<key>_<i>", () => {
    expect(inputNames([named({ question: "q", tags: ["a", "b"], meta: { lang: "en" } })])).toEqual([
      "input_question",
      "input_tags_0",
      "input_tags_1",
      "input_meta_lang",
    ]);
  });

  it("makes ids input:<name>, labels Input(<name>), no dependencies, and keeps kind and value", () => {
    const graph = trace(new Echo(), 7);
    const node = graph.node("input:input_0") as InputNode;
    expect(node).toMatchObject({ kind: "input", label: "Input(input_0)", dependencies: [], args: [] });
    expect(node.resultKind).toBe(ValueKind.INT);
    expect(node.value?.payload).toBe(7);
  });

  it("hands forward placeholders with the input refs in the same structure, without payloads", () => {
    const echo = new Echo();
    trace(echo, { text: "t", list: ["a"] }, named({ k: "v" }));
    const [first, second] = echo.seen as [{ text: Value; list: Value[] }, { k: Value }];
    expect(first.text.ref).toBe("input:input_text_0");
    expect(first.list[0]?.ref).toBe("input:input_list_1");
    expect(second.k.ref).toBe("input:input_k");
    expect(first.text.isPlaceholder).toBe(true);
    expect(first.text.kind).toBe(ValueKind.TEXT);
  });

  it("binds Values and lifted Parameters as leaves, keeping their meta", () => {
    const parameter = new Parameter("p", { requiresGrad: false });
    const echo = new Echo();
    const graph = trace(echo, new Value(ValueKind.TEXT, "v", { meta: { tag: 1 } }), parameter);
    expect(graph.inputIds).toEqual(["input:input_0", "input:input_1"]);
    expect((echo.seen[0] as Value).meta).toEqual({ tag: 1 });
    expect((graph.node("input:input_1") as InputNode).value?.payload).toBe("p");
  });

  it("rejects two named inputs with one name", () => {
    expect(() => trace(new Echo(), named({ a_b: 1, a: { b: 2 } }))).toThrow(/both named "input_a_b"/);
  });
});
