import { describe, expect, it } from "vitest";
import { asFloat } from "../value/float.js";
import { Value } from "../value/value.js";
import { ValueKind } from "../value/value-kind.js";
import { coerce } from "./coerce.js";

const v = (kind: ValueKind, payload: unknown, meta = {}) => new Value(kind, payload, { meta });
const message = (x: Value) => (x.error as Error).message;

describe("F.coerce (plait-spec 3.4)", () => {
  it("returns an ERROR input unchanged", () => {
    const error = v(ValueKind.ERROR, new Error("e"));
    expect(coerce(error, ValueKind.TEXT)).toBe(error);
  });

  it("same kind: a Value is returned as is, a raw value wrapped", () => {
    const text = v(ValueKind.TEXT, "x");
    expect(coerce(text, ValueKind.TEXT)).toBe(text);
    expect(coerce("x", ValueKind.TEXT)).toMatchObject({ kind: "text", payload: "x" });
  });

  it("TEXT → INT / FLOAT parses with Python int()/float() syntax", () => {
    expect(coerce(" 42 ", ValueKind.INT)).toMatchObject({ kind: "int", payload: 42 });
    expect(coerce("-1_000", ValueKind.INT).payload).toBe(-1000);
    expect(coerce("3.5", ValueKind.INT).isError()).toBe(true);
    expect(coerce("1e3", ValueKind.FLOAT)).toMatchObject({ kind: "float", payload: 1000 });
    expect(coerce(".5", ValueKind.FLOAT).payload).toBe(0.5);
    expect(coerce("-inf", ValueKind.FLOAT).payload).toBe(-Infinity);
    expect(Number.isNaN(coerce("NaN", ValueKind.FLOAT).payload)).toBe(true);
    expect(coerce("abc", ValueKind.FLOAT).isError()).toBe(true);
    expect(coerce("", ValueKind.INT).isError()).toBe(true);
  });

  it("INT → FLOAT widens; a boolean payload is an ERROR", () => {
    expect(coerce(3, ValueKind.FLOAT)).toMatchObject({ kind: "float", payload: 3 });
    expect(message(coerce(v(ValueKind.INT, true), ValueKind.FLOAT))).toBe("Boolean is not numeric");
  });

  it("FLOAT → INT only when integral or meta.allowLossy (truncating)", () => {
    expect(coerce(asFloat(2), ValueKind.INT)).toMatchObject({ kind: "int", payload: 2 });
    expect(message(coerce(2.7, ValueKind.INT))).toBe("Lossy float-to-int conversion");
    expect(coerce(v(ValueKind.FLOAT, -2.7, { allowLossy: true }), ValueKind.INT).payload).toBe(-2);
    expect(coerce(v(ValueKind.FLOAT, Infinity, { allowLossy: true }), ValueKind.INT).isError()).toBe(true);
  });

  it("STRUCTURED → TEXT is stable compact JSON with sorted keys; unserializable data is an ERROR", () => {
    const out = coerce({ b: 1, a: { d: [1, "x"], c: null } }, ValueKind.TEXT);
    expect(out.payload).toBe('{"a":{"c":null,"d":[1,"x"]},"b":1}');
    expect(coerce(v(ValueKind.STRUCTURED, { f: () => 1 }), ValueKind.TEXT).isError()).toBe(true);
    expect(coerce(v(ValueKind.STRUCTURED, { n: Number.NaN }), ValueKind.TEXT).isError()).toBe(true);
  });

  it("TEXT → STRUCTURED is refused, pointing at parseStructured; other pairs are unsupported", () => {
    expect(message(coerce("{}", ValueKind.STRUCTURED))).toMatch(/parseStructured/);
    expect(message(coerce(true, ValueKind.INT))).toBe("Unsupported coercion: other -> int");
    expect(message(coerce(1, ValueKind.TEXT))).toBe("Unsupported coercion: int -> text");
  });

  it("reads allowLossy only from Value meta", () => {
    expect(coerce(1.5, ValueKind.INT).isError()).toBe(true);
  });
});
