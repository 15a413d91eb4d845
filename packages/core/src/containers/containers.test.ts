import { describe, expect, it } from "vitest";
import { ContainerError } from "../errors/container-error.js";
import * as F from "../functional/f.js";
import { LeafModule } from "../module/leaf-module.js";
import { Module } from "../module/module.js";
import { Parameter } from "../parameter/parameter.js";
import { trace } from "../test-support/recording-trace-handler.js";
import { Value } from "../value/value.js";
import { ValueKind } from "../value/value-kind.js";
import { ModuleDict } from "./module-dict.js";
import { ModuleList } from "./module-list.js";
import { Sequential } from "./sequential.js";

class Suffix extends LeafModule {
  tag: Parameter<string>;
  constructor(tag: string) {
    super();
    this.tag = new Parameter(tag, { requiresGrad: false });
  }
  forward(text: string) {
    return `${text}${this.tag.value}`;
  }
}

class Shout extends Module {
  forward(text: Value<string>) {
    return F.upper(text);
  }
}

describe("Sequential (plait-spec 5.5)", () => {
  it("chains children, named 0, 1, ...; an empty one returns its input", async () => {
    const seq = new Sequential(new Suffix("-a"), new Suffix("-b"));
    expect(seq.namedChildren().map(([name]) => name)).toEqual(["0", "1"]);
    expect(seq.namedParameters().map(([name]) => name)).toEqual(["0.tag", "1.tag"]);
    await expect(seq.call("x") as Promise<unknown>).resolves.toBe("x-a-b");
    const empty = new Sequential();
    const input = new Value(ValueKind.TEXT, "same");
    expect(empty.call(input)).toBe(input);
  });

  it("while tracing, every child call is a node in order", () => {
    const { handler } = trace(
      new Sequential(new Suffix("-a"), new Shout(), new Suffix("-b")),
      ValueKind.TEXT,
    );
    expect(handler.nodes.map((n) => [n.id, n.dependencies])).toEqual([
      ["Suffix_1", ["input:input_0"]],
      ["F.upper_2", ["Suffix_1"]],
      ["Suffix_3", ["F.upper_2"]],
    ]);
  });

  it("takes a record of named modules; get() by name", () => {
    const a = new Suffix("a");
    const seq = new Sequential({ first: a, second: new Suffix("b") });
    expect(seq.namedChildren().map(([name]) => name)).toEqual(["first", "second"]);
    expect(seq.get("first")).toBe(a);
    expect(() => seq.get("nope")).toThrow(ContainerError);
  });

  it("indexes (negative too), iterates, appends, reports length", () => {
    const [a, b, c] = [new Suffix("a"), new Suffix("b"), new Suffix("c")];
    const seq = new Sequential(a, b);
    expect([seq.at(0), seq.at(-1)]).toEqual([a, b]);
    seq.append(c);
    expect([seq.length, [...seq]]).toEqual([3, [a, b, c]]);
    expect(c.tag.hierarchicalName).toBe("2.tag");
    expect(() => seq.at(3)).toThrow(/out of range/);
  });

  it("slicing returns a new Sequential without re-parenting", () => {
    const [a, b, c] = [new Suffix("a"), new Suffix("b"), new Suffix("c")];
    const seq = new Sequential(a, b, c);
    const tail = seq.slice(1);
    expect([...tail]).toEqual([b, c]);
    expect(tail.namedChildren().map(([name]) => name)).toEqual(["1", "2"]);
    expect(b.tag.hierarchicalName).toBe("1.tag");
    b.tag.applyUpdate("B");
    expect(b.stateVersion).toBe(1);
  });

  it("rejects a non-Module argument", () => {
    expect(() => new Sequential(new Suffix("a"), "x" as unknown as Module)).toThrow(ContainerError);
  });
});

describe("ModuleList (plait-spec 5.5)", () => {
  it("registers children by index and re-indexes after deletions and insertions", () => {
    const [a, b, c] = [new Suffix("a"), new Suffix("b"), new Suffix("c")];
    const list = new ModuleList([a, b]);
    list.insert(0, c);
    expect(list.namedChildren().map(([name, m]) => [name, m])).toEqual([
      ["0", c],
      ["1", a],
      ["2", b],
    ]);
    expect(a.tag.hierarchicalName).toBe("1.tag");
    list.delete(0);
    expect(a.tag.hierarchicalName).toBe("0.tag");
    expect(list.pop()).toBe(b);
    expect([list.length, list.at(-1)]).toEqual([1, a]);
  });

  it("get/set by index with negative indices; out of range is a ContainerError", () => {
    const [a, b] = [new Suffix("a"), new Suffix("b")];
    const list = new ModuleList([a]);
    list.set(-1, b);
    expect(list.at(0)).toBe(b);
    expect(() => list.at(1)).toThrow(ContainerError);
    expect(() => list.set(5, a)).toThrow(/out of range/);
  });

  it("insert follows Python semantics for negative and large indices; extend/append add at the end", () => {
    const m = (t: string) => new Suffix(t);
    const list = new ModuleList([m("a"), m("b")]);
    list.insert(-1, m("x"));
    list.insert(99, m("y"));
    list.extend([m("z")]).append(m("w"));
    expect([...list].map((s) => s.tag.value)).toEqual(["a", "x", "b", "y", "z", "w"]);
  });

  it("slicing returns a new list without re-parenting; calling it throws", () => {
    const [a, b] = [new Suffix("a"), new Suffix("b")];
    class Holder extends Module {
      items = new ModuleList([a, b]);
      forward() {
        return undefined;
      }
    }
    const holder = new Holder();
    const slice = holder.items.slice(-1);
    expect([...slice]).toEqual([b]);
    expect(b.tag.hierarchicalName).toBe("items.1.tag");
    expect(() => holder.items.call()).toThrow(ContainerError);
  });

  it("rejects non-modules", () => {
    expect(() => new ModuleList([1 as unknown as Module])).toThrow(/holds Modules only, got number/);
  });
});

describe("ModuleDict (plait-spec 5.5)", () => {
  it("is a mapping registered as children under any string key", () => {
    const [a, b] = [new Suffix("a"), new Suffix("b")];
    const dict = new ModuleDict({ first: a, "not an identifier": b });
    expect(dict.namedParameters().map(([name]) => name)).toEqual(["first.tag", "not an identifier.tag"]);
    expect([dict.has("first"), dict.size, dict.keys(), dict.get("first")]).toEqual([
      true,
      2,
      ["first", "not an identifier"],
      a,
    ]);
  });

  it("update, pop, delete and clear keep the registration in sync", () => {
    const [a, b, c] = [new Suffix("a"), new Suffix("b"), new Suffix("c")];
    const dict = new ModuleDict([["a", a]]);
    dict.update({ b, c });
    expect(dict.pop("b")).toBe(b);
    expect(dict.delete("a")).toBe(true);
    expect([dict.children(), dict.values(), dict.entries()]).toEqual([[c], [c], [["c", c]]]);
    dict.clear();
    expect(dict.children()).toEqual([]);
  });

  it("a missing key or a non-module is a ContainerError; calling it throws", () => {
    const dict = new ModuleDict();
    expect(() => dict.get("x")).toThrow(ContainerError);
    expect(() => dict.set("x", {} as Module)).toThrow(ContainerError);
    expect(() => dict.call()).toThrow(/not callable/);
  });
});
