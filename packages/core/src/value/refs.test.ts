import { describe, expect, it } from "vitest";
import { firstErrorValue, hasErrorValue } from "./error-values.js";
import { collectRefs, replaceValuesWithRefs } from "./refs.js";
import { Value } from "./value.js";
import { ValueKind } from "./value-kind.js";
import { isValueRef, ValueRef } from "./value-ref.js";

const ref = (r: string) => new Value(ValueKind.TEXT, r, { ref: r });
const err = (r: string | null) => new Value(ValueKind.ERROR, new Error(r ?? "anon"), { ref: r });

describe("collectRefs (plait-spec 2.4)", () => {
  it("walks Values, arrays and objects, de-duplicates, keeps first-seen order", () => {
    expect(collectRefs(ref("a"), [ref("b"), { x: ref("a"), y: ref("c") }], "literal")).toEqual([
      "a",
      "b",
      "c",
    ]);
  });

  it("ignores Values without a ref and never looks inside a payload", () => {
    const hidden = new Value(ValueKind.STRUCTURED, { inside: ref("hidden") }, { ref: "outer" });
    expect(collectRefs(new Value(ValueKind.INT, 1), hidden)).toEqual(["outer"]);
  });
});

describe("replaceValuesWithRefs and ValueRef (plait-spec 2.4, 2.5)", () => {
  it("swaps Values with a ref for ValueRefs, keeps literal Values, copies containers", () => {
    const literal = new Value(ValueKind.INT, 1);
    const input = { a: ref("n_1"), b: [literal, "text"] };
    const out = replaceValuesWithRefs(input);
    expect(isValueRef(out.a)).toBe(true);
    expect((out.a as ValueRef).ref).toBe("n_1");
    expect(out.b[0]).toBe(literal);
    expect(out.b[1]).toBe("text");
    expect(out.b).not.toBe(input.b);
  });

  it("a ValueRef is frozen and compares by ref; a look-alike string is not a reference", () => {
    const r = new ValueRef("n_1");
    expect(Object.isFrozen(r)).toBe(true);
    expect(r.equals(new ValueRef("n_1"))).toBe(true);
    expect(r.equals(new ValueRef("n_2"))).toBe(false);
    expect(isValueRef("n_1")).toBe(false);
  });
});

describe("hasErrorValue / firstErrorValue (plait-spec 2.4)", () => {
  it("finds the first ERROR depth-first: args in order, then object entries in insertion order", () => {
    const e1 = err("e1");
    const e2 = err("e2");
    expect(firstErrorValue("ok", [1, { z: e2, a: e1 }])).toBe(e2);
    expect(firstErrorValue(e1, e2)).toBe(e1);
    expect(hasErrorValue("ok", [1])).toBe(false);
    expect(hasErrorValue({ deep: [err(null)] })).toBe(true);
  });

  it("does not look inside payloads", () => {
    const wrapped = new Value(ValueKind.STRUCTURED, [err("inner")]);
    expect(firstErrorValue(wrapped)).toBeUndefined();
  });
});
