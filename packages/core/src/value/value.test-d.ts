import { describe, expectTypeOf, it } from "vitest";
import type { ErrorValue } from "./error-values.js";
import { Value } from "./value.js";
import { ValueKind } from "./value-kind.js";

declare const user: Value<{ name: string; age: number; tags: string[] }>;
declare const list: Value<{ id: number }[]>;
declare const anything: Value;

describe("Value types", () => {
  it("get() of a field is a Value of that field's type", () => {
    expectTypeOf(user.get("name")).toEqualTypeOf<Value<string>>();
    expectTypeOf(user.get("tags").at(0)).toEqualTypeOf<Value<string>>();
    expectTypeOf(user.get("age").payload).toEqualTypeOf<number>();
  });

  it("rejects unknown keys and at() on objects", () => {
    // @ts-expect-error "email" is not a key
    user.get("email");
    // @ts-expect-error at() needs an array payload
    user.at(0);
    // @ts-expect-error get() needs an object payload
    list.get("id");
  });

  it("at() of an array is a Value of the element type, chained get() works", () => {
    expectTypeOf(list.at(-1)).toEqualTypeOf<Value<{ id: number }>>();
    expectTypeOf(list.at(0).get("id")).toEqualTypeOf<Value<number>>();
  });

  it("an untyped Value allows any key and index", () => {
    expectTypeOf(anything.get("x")).toEqualTypeOf<Value<unknown>>();
    expectTypeOf(anything.at(3)).toEqualTypeOf<Value<unknown>>();
  });

  it("keys/values/entries are typed", () => {
    expectTypeOf(user.keys()).toEqualTypeOf<Value<("name" | "age" | "tags")[]>>();
    expectTypeOf(new Value(ValueKind.STRUCTURED, { a: 1 }).values()).toEqualTypeOf<Value<number[]>>();
  });

  it("is covariant: a wider payload fits, an unrelated one does not, an error fits all", () => {
    expectTypeOf<Value<{ text: string; extra: number }>>().toExtend<Value<{ text: string }>>();
    expectTypeOf<Value<{ score: number }>>().not.toExtend<Value<{ text: string }>>();
    expectTypeOf<ErrorValue>().toExtend<Value<{ text: string }>>();
    expectTypeOf<Value<string>>().toExtend<Value>();
  });
});

describe("Value iteration types", () => {
  it("iterating yields untyped Values (a typed iterator would make Value invariant)", () => {
    for (const item of list) expectTypeOf(item).toEqualTypeOf<Value>();
  });

  it("a Value of T nested in another generic is still covariant", () => {
    interface Holder<T> {
      get(): Value<T>;
    }
    expectTypeOf<Holder<string>>().toExtend<Holder<unknown>>();
  });
});
