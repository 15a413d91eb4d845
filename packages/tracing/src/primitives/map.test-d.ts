import { LLMInference, type Value } from "@weft/core";
import { describe, expectTypeOf, it } from "vitest";
import { z } from "zod";
import { Counter, Summarizer, Upper } from "../test-support/modules.js";
import { map } from "./map.js";

declare const texts: Value<string[]>;
declare const docs: Value<{ text: string }[]>;
declare const scores: Value<{ score: number }[]>;
declare const anything: Value<unknown[]>;

describe("map types", () => {
  it("types the gathered list from the body's output", () => {
    expectTypeOf(map(texts, new Summarizer())).toEqualTypeOf<Value<string[]>>();
    expectTypeOf(map(docs, new Counter())).toEqualTypeOf<Value<{ n: number }[]>>();
    expectTypeOf(map(texts, (text) => new Upper().call(text))).toEqualTypeOf<Value<string[]>>();
    const judge = new LLMInference({ alias: "j", outputSchema: z.object({ ok: z.boolean() }) });
    expectTypeOf(map(texts, (text, i) => ({ verdict: judge.call(text), i }))).toEqualTypeOf<
      Value<{ verdict: { ok: boolean }; i: number }[]>
    >();
  });

  it("rejects a module whose input the elements do not fit, unless the elements are untyped", () => {
    // @ts-expect-error { score: number } elements do not fit Counter's input { text: string }
    map(scores, new Counter());
    map(anything, new Counter());
  });
});
