import { describe, expect, it } from "vitest";
import { Parameter } from "../parameter/parameter.js";
import { asFloat } from "./float.js";
import { inferKind } from "./infer-kind.js";
import { toValue } from "./to-value.js";
import { unwrap } from "./unwrap.js";
import { Value } from "./value.js";
import { ValueKind } from "./value-kind.js";
import { valueify } from "./valueify.js";

describe("kind inference (plait-spec 2.3)", () => {
  it.each([
    ["a string", "text", "s"],
    ["a boolean (before numbers)", "other", true],
    ["an integral number", "int", 3],
    ["a non-integral number", "float", 1.5],
    ["an asFloat marker", "float", asFloat(1)],
    ["NaN", "float", Number.NaN],
    ["a Uint8Array", "binary", new Uint8Array([1])],
    ["a Buffer", "binary", Buffer.from("x")],
    ["a plain object", "structured", { a: 1 }],
    ["an array", "structured", [1]],
    ["an Error", "error", new Error("x")],
    ["null", "other", null],
    ["undefined", "other", undefined],
    ["a class instance", "other", new Map()],
  ])("%s → %s", (_name, kind, input) => {
    expect(inferKind(input)).toBe(kind);
  });

  it("JS cannot tell 1.0 from 1: 1.0 is INT unless marked with asFloat", () => {
    expect(inferKind(1.0)).toBe("int");
    expect(valueify(asFloat(1))).toMatchObject({ kind: "float", payload: 1 });
  });
});

describe("valueify (plait-spec 2.4)", () => {
  it("returns a Value as is, or a copy with another kind keeping payload, ref and meta", () => {
    const v = new Value(ValueKind.TEXT, "x", { ref: "r", meta: { m: 1 } });
    expect(valueify(v)).toBe(v);
    expect(valueify(v, ValueKind.TEXT)).toBe(v);
    const copy = valueify(v, ValueKind.FSTRING);
    expect(copy).not.toBe(v);
    expect([copy.kind, copy.payload, copy.ref, copy.meta]).toEqual(["fstring", "x", "r", { m: 1 }]);
  });

  it("keeps a placeholder a placeholder when changing its kind", () => {
    const copy = valueify(Value.placeholder(ValueKind.RESPONSE, "n_1"), ValueKind.TEXT);
    expect([copy.isPlaceholder, copy.kind, copy.ref]).toEqual([true, "text", "n_1"]);
  });

  it("maps containers into containers of Values, recursively", () => {
    const out = valueify({ a: "x", b: [1, { c: true }] });
    expect(out.a).toBeInstanceOf(Value);
    expect((out.b[0] as Value).kind).toBe("int");
    expect((out.b[1] as { c: Value }).c.kind).toBe("other");
  });

  it("wraps a raw value with exactly the given kind, without recursing", () => {
    const v = valueify({ a: 1 }, ValueKind.OTHER);
    expect([v.kind, v.payload]).toEqual(["other", { a: 1 }]);
  });

  it("lifts a Parameter", () => {
    const p = new Parameter("sys", { requiresGrad: false });
    const lifted = valueify(p);
    expect(lifted.kind).toBe("text");
    expect(lifted.ref).toBe(`param:${p.id}`);
  });

  it("toValue wraps containers as one STRUCTURED Value", () => {
    expect(toValue({ a: 1 })).toMatchObject({ kind: "structured", payload: { a: 1 } });
    const v = new Value(ValueKind.TEXT, "x");
    expect(toValue(v)).toBe(v);
  });
});

describe("unwrap (plait-spec 2.4)", () => {
  it("unwraps Values recursively, also Values nested in payloads, and maps containers", () => {
    const nested = new Value(ValueKind.STRUCTURED, { inner: new Value(ValueKind.INT, 2) });
    expect(unwrap({ a: nested, b: [new Value(ValueKind.TEXT, "t"), 3] })).toEqual({
      a: { inner: 2 },
      b: ["t", 3],
    });
  });

  it("returns anything else unchanged", () => {
    const map = new Map();
    expect(unwrap(map)).toBe(map);
    expect(unwrap(5)).toBe(5);
  });

  it("refuses a placeholder", () => {
    expect(() => unwrap(Value.placeholder(ValueKind.TEXT, "n"))).toThrow(/placeholder/);
  });
});
