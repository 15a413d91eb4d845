import { describe, expect, it } from "vitest";
import { Value } from "../value/value.js";
import { ValueKind } from "../value/value-kind.js";
import { isError, unwrapOr, withMeta } from "./error-ops.js";

const error = new Value(ValueKind.ERROR, new Error("e"), {
  ref: "n_1",
  meta: { op: "select" },
}) as Value<never>;

describe("F.withMeta (plait-spec 3.3)", () => {
  it("returns a new Value with merged meta (new keys win), same kind, payload and ref", () => {
    const v = new Value(ValueKind.TEXT, "x", { ref: "r", meta: { a: 1, b: 1 } });
    const out = withMeta(v, { b: 2, c: 3 });
    expect(out).not.toBe(v);
    expect([out.kind, out.payload, out.ref, out.meta]).toEqual(["text", "x", "r", { a: 1, b: 2, c: 3 }]);
  });

  it("keeps an ERROR an ERROR, and wraps a raw input", () => {
    const out = withMeta(error, { note: "seen" });
    expect([out.kind, out.error, out.meta]).toEqual(["error", error.error, { op: "select", note: "seen" }]);
    expect(withMeta({ a: 1 }, { m: true })).toMatchObject({
      kind: "structured",
      payload: { a: 1 },
      meta: { m: true },
    });
  });
});

describe("F.unwrapOr (plait-spec 3.3)", () => {
  it("replaces an ERROR with the default, marking recoveredFrom with the error's ref", () => {
    const out = unwrapOr(error, { fallback: true });
    expect([out.kind, out.payload, out.meta.recoveredFrom]).toEqual([
      "structured",
      { fallback: true },
      "n_1",
    ]);
  });

  it("a Value default keeps its kind, payload and ref", () => {
    const fallback = new Value(ValueKind.TEXT, "f", { ref: "alt" });
    const out = unwrapOr(error, fallback);
    expect([out.kind, out.payload, out.ref, out.meta.recoveredFrom]).toEqual(["text", "f", "alt", "n_1"]);
  });

  it("returns a non-error Value unchanged and wraps a raw value; never short-circuits", () => {
    const v = new Value(ValueKind.INT, 1);
    expect(unwrapOr(v, 0)).toBe(v);
    expect(unwrapOr(5, 0)).toMatchObject({ kind: "int", payload: 5 });
  });
});

describe("F.isError (plait-spec 3.3)", () => {
  it("returns { isError, ref } and never an ERROR", () => {
    expect(isError(error).payload).toEqual({ isError: true, ref: "n_1" });
    expect(isError(new Value(ValueKind.TEXT, "x", { ref: "r" })).payload).toEqual({
      isError: false,
      ref: "r",
    });
    expect(isError("raw")).toMatchObject({ kind: "structured", payload: { isError: false, ref: null } });
  });
});
