import { describe, expectTypeOf, it } from "vitest";
import { z } from "zod";
import type { Value } from "../value/value.js";
import * as F from "./f.js";

declare const text: Value<string>;
declare const numbers: Value<number[]>;

describe("F op types", () => {
  it("text ops return Value<string>, numeric ops Value<number>", () => {
    expectTypeOf(F.concat([text, "x"], { sep: text })).toEqualTypeOf<Value<string>>();
    expectTypeOf(F.render("{a}", { a: text })).toEqualTypeOf<Value<string>>();
    expectTypeOf(F.add(1, text as Value)).toEqualTypeOf<Value<number>>();
    expectTypeOf(F.sum(numbers)).toEqualTypeOf<Value<number>>();
  });

  it("parseStructured is typed by a zod schema or a type guard", () => {
    expectTypeOf(F.parseStructured(text, z.object({ a: z.number() }))).toEqualTypeOf<Value<{ a: number }>>();
    const isStrings = (x: unknown): x is string[] => Array.isArray(x);
    expectTypeOf(F.parseStructured(text, isStrings)).toEqualTypeOf<Value<string[]>>();
    expectTypeOf(F.parseStructured(text)).toEqualTypeOf<Value<unknown>>();
  });

  it("mapValues: an array in gives an array out, a Value in gives a Value out", () => {
    expectTypeOf(F.mapValues((v: Value<string>) => v.payload.length, ["a"])).toEqualTypeOf<Value<number>[]>();
    expectTypeOf(F.mapValues((v: Value<number>) => v.payload * 2, numbers)).toEqualTypeOf<Value<number[]>>();
  });

  it("unwrapOr keeps the type; isError has a typed result", () => {
    expectTypeOf(F.unwrapOr(text, "fallback")).toEqualTypeOf<Value<string>>();
    expectTypeOf(F.isError(text).get("isError")).toEqualTypeOf<Value<boolean>>();
  });
});
