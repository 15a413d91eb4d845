import { describe, expect, it } from "vitest";
import { z } from "zod";
import { Value } from "../value/value.js";
import { ValueKind } from "../value/value-kind.js";
import { select } from "./select.js";
import { merge, parseStructured } from "./structured-ops.js";

const struct = (payload: unknown) => new Value(ValueKind.STRUCTURED, payload);

describe("F.select (plait-spec 3.3)", () => {
  const data = struct({ a: { b: [10, { c: "deep" }] }, "x.y": 1 });

  it("walks a dot path of string keys, or an array path with indices", () => {
    expect(select(data, "a.b").payload).toEqual([10, { c: "deep" }]);
    expect(select(data, ["a", "b", 1, "c"]).payload).toBe("deep");
    expect(select(data, ["a", "b", -2]).payload).toBe(10);
    expect(select(struct([5, 6]), 1).payload).toBe(6);
  });

  it("a dot path gives string segments, so it cannot index a list; a literal dotted key needs the array form", () => {
    expect(select(data, "a.b.0").isError()).toBe(true);
    expect(select(data, ["x.y"]).payload).toBe(1);
  });

  it("accepts raw objects and arrays; a selected Value stays the same object; containers become STRUCTURED", () => {
    const inner = new Value(ValueKind.TEXT, "v", { ref: "n_1" });
    expect(select({ k: inner }, "k")).toBe(inner);
    expect(select({ k: { z: 1 } }, "k").kind).toBe("structured");
    expect(select({ k: 2 }, "k").kind).toBe("int");
  });

  it("walks through nested STRUCTURED Values; a non-STRUCTURED intermediate Value is an ERROR with pathIndex", () => {
    expect(select({ k: struct({ z: 1 }) }, "k.z").payload).toBe(1);
    const out = select({ k: new Value(ValueKind.TEXT, "no") }, "k.z");
    expect([out.isError(), out.meta.pathIndex]).toEqual([true, 1]);
  });

  it("a missing key gives the default (wrapped, or a Value as is) or an ERROR with path and missing", () => {
    expect(select(data, "a.zz", { default: { d: 1 } }).kind).toBe("structured");
    const fallback = new Value(ValueKind.TEXT, "f");
    expect(select(data, "zz", { default: fallback })).toBe(fallback);
    const out = select(data, "a.zz");
    expect(out.meta).toMatchObject({ op: "select", path: ["a", "zz"], missing: "zz" });
  });

  it("an empty path, a bad path type or unstructured input is an ERROR", () => {
    expect(select(data, "").isError()).toBe(true);
    expect(select(data, []).isError()).toBe(true);
    expect(select(data, [{}] as unknown as string[]).isError()).toBe(true);
    expect((select("text", "a").error as Error).message).toBe("Value is not structured");
    expect(select(new Value(ValueKind.TEXT, "t"), "a").isError()).toBe(true);
  });
});

describe("F.merge (plait-spec 3.3)", () => {
  it("shallow-merges mappings left to right", () => {
    expect(merge({ a: 1, b: 1 }, struct({ b: 2 }), { c: 3 }).payload).toEqual({ a: 1, b: 2, c: 3 });
  });

  it("a list payload or a non-structured input is an ERROR", () => {
    expect((merge({ a: 1 }, struct([1])).error as Error).message).toBe("merge requires mapping payloads");
    expect(merge({ a: 1 }, new Value(ValueKind.TEXT, "x")).isError()).toBe(true);
  });
});

describe("F.parseStructured (plait-spec 3.3)", () => {
  it("parses JSON text into a STRUCTURED Value", () => {
    const out = parseStructured(new Value(ValueKind.TEXT, '{"a":[1,2]}'));
    expect([out.kind, out.payload]).toEqual(["structured", { a: [1, 2] }]);
  });

  it("invalid JSON or non-text input is an ERROR", () => {
    expect(parseStructured("{nope").meta.op).toBe("parseStructured");
    expect(parseStructured(new Value(ValueKind.INT, 1)).isError()).toBe(true);
  });

  it("checks a zod schema (its output is the payload) and reports mismatches with meta.schema", () => {
    const schema = z.object({ n: z.coerce.number() }).describe("Count");
    expect(parseStructured('{"n":"3"}', schema).payload).toEqual({ n: 3 });
    const out = parseStructured('{"n":"x"}', schema);
    expect([out.isError(), out.meta.schema]).toEqual([true, "Count"]);
    expect(out.meta.issues).toEqual([expect.objectContaining({ path: ["n"] })]);
  });

  it("checks a type guard; an invalid schema argument is an ERROR", () => {
    const isList = (x: unknown): x is unknown[] => Array.isArray(x);
    expect(parseStructured("[1]", isList).payload).toEqual([1]);
    expect(parseStructured("{}", isList).isError()).toBe(true);
    expect((parseStructured("{}", 3 as never).error as Error).message).toMatch(/zod schema or a type guard/);
  });
});
