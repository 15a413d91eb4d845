import { describe, expect, it } from "vitest";
import { ContainerError } from "../errors/container-error.js";
import { Parameter } from "./parameter.js";
import { ParameterDict } from "./parameter-dict.js";
import { ParameterList } from "./parameter-list.js";

const p = (value: string) => new Parameter(value, { requiresGrad: false });

describe("ParameterList (plait-spec 5.5)", () => {
  it("is a list of Parameters named by index, re-indexed after changes", () => {
    const list = new ParameterList([p("a"), p("b")]);
    list.insert(0, p("z"));
    expect(list.namedParameters("prompts").map(([name, x]) => [name, x.value])).toEqual([
      ["prompts.0", "z"],
      ["prompts.1", "a"],
      ["prompts.2", "b"],
    ]);
    const popped = list.pop(0);
    expect(popped.value).toBe("z");
    expect(list.at(0).name).toBe("0");
    list.delete(-1);
    expect([...list].map((x) => x.value)).toEqual(["a"]);
  });

  it("negative set normalizes the name to a positive index; insert clamps like Python", () => {
    const list = new ParameterList([p("a"), p("b")]);
    const c = p("c");
    list.set(-1, c);
    expect(c.name).toBe("1");
    list.insert(-1, p("before-last"));
    list.insert(100, p("end"));
    expect([...list].map((x) => x.value)).toEqual(["a", "before-last", "c", "end"]);
  });

  it("checks types and ranges", () => {
    const list = new ParameterList();
    expect(() => list.append("x" as unknown as Parameter)).toThrow(ContainerError);
    expect(() => list.at(0)).toThrow(/out of range/);
    expect(list.namedParameters()).toEqual([]);
    expect(String(new ParameterList([p("x")]))).toContain('(0): Parameter("x")');
  });
});

describe("ParameterDict (plait-spec 5.5)", () => {
  it("is a mapping of Parameters named by key", () => {
    const dict = new ParameterDict({ a: p("1") });
    dict.set("b", p("2"));
    expect(dict.namedParameters("tasks").map(([name]) => name)).toEqual(["tasks.a", "tasks.b"]);
    expect([dict.has("a"), dict.size, dict.keys()]).toEqual([true, 2, ["a", "b"]]);
    expect(dict.pop("a").value).toBe("1");
    expect(dict.delete("zzz")).toBe(false);
    dict.update([["c", p("3")]]);
    expect(dict.values().map((x) => x.value)).toEqual(["2", "3"]);
    dict.clear();
    expect(dict.entries()).toEqual([]);
  });

  it("checks types and missing keys", () => {
    const dict = new ParameterDict();
    expect(() => dict.set("x", 1 as unknown as Parameter)).toThrow(ContainerError);
    expect(() => dict.get("missing")).toThrow(/no key "missing"/);
    expect(String(new ParameterDict({ a: p("x") }))).toContain('(a): Parameter("x")');
  });
});
