import { LeafModule, LLMInference, Module, prompt, Value, ValueKind } from "@weft/core";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { map } from "../primitives/map.js";
import { graphFromJSON } from "../serialize/from-json.js";
import { Counter } from "../test-support/modules.js";
import { trace } from "../tracer/tracer.js";
import { checkSchemas } from "./check-schemas.js";

/** A module called without types: nothing is checked at compile time. */
const untyped = (module: Module) => module as unknown as { call(...args: unknown[]): Value };

/** A pipeline built without types: every call goes through `unknown`, so nothing is checked at compile time. */
class Untyped extends Module {
  counter = new Counter();
  constructor(
    readonly producer: LeafModule,
    readonly wire: (produced: Value) => unknown = (produced) => produced,
  ) {
    super();
  }
  forward(text: Value<string>) {
    return untyped(this.counter).call(this.wire(untyped(this.producer).call(text)));
  }
}

const llm = (schema?: z.ZodType) =>
  new LLMInference({ alias: "m", ...(schema ? { outputSchema: schema } : {}) });

describe("checkSchemas (static check of edges where both ends declare schemas)", () => {
  it("reports the mismatch the type test rejects: { score: number } into { text: string }", () => {
    const graph = trace(new Untyped(llm(z.object({ score: z.number() }))), "x");
    expect(checkSchemas(graph)).toEqual([
      {
        consumer: "Counter_2",
        producer: "LLMInference_1",
        path: "text",
        producerPath: "text",
        expected: "string",
        actual: "missing",
        message: 'Counter_2 field "text" expects string, but LLMInference_1 (field "text") does not have it',
      },
    ]);
  });

  it("reports wrong types, optional fields and unions with field paths", () => {
    const wrongType = checkSchemas(trace(new Untyped(llm(z.object({ text: z.number() }))), "x"));
    expect(wrongType.map((m) => [m.path, m.expected, m.actual])).toEqual([["text", "string", "number"]]);
    const optional = checkSchemas(trace(new Untyped(llm(z.object({ text: z.string().optional() }))), "x"));
    expect(optional.map((m) => [m.path, m.actual])).toEqual([["text", "optional"]]);
    const nullable = checkSchemas(trace(new Untyped(llm(z.object({ text: z.string().nullable() }))), "x"));
    expect(nullable.map((m) => [m.path, m.actual])).toEqual([["text", "string | null"]]);
  });

  it("follows get / at accesses and object arguments to the producing field", () => {
    const schema = z.object({ items: z.array(z.object({ score: z.number() })) });
    const graph = trace(
      new Untyped(llm(schema), (produced) => ({ text: produced.get("items").at(0).get("score") })),
      "x",
    );
    const [mismatch] = checkSchemas(graph);
    expect(mismatch).toMatchObject({
      consumer: "Counter_5",
      producer: "LLMInference_1",
      path: "text",
      producerPath: "items[0].score",
    });
    expect(mismatch?.actual).toBe("number");
  });

  it("treats LLM outputs without a schema and prompts as text", () => {
    expect(checkSchemas(trace(new Untyped(llm()), "x")).map((m) => [m.path, m.expected, m.actual])).toEqual([
      ["", "{ text: string }", "string"],
    ]);
    class FromPrompt extends Module {
      counter = new Counter();
      forward(text: Value<string>) {
        return untyped(this.counter).call(prompt`${text}`);
      }
    }
    expect(checkSchemas(trace(new FromPrompt(), "x"))).toHaveLength(1);
  });

  it("finds nothing where data fits or a side declares no schema", () => {
    const fits = z.object({ text: z.enum(["a", "b"]), extra: z.int() });
    expect(checkSchemas(trace(new Untyped(llm(fits)), "x"))).toEqual([]);
    class NoSchema extends LeafModule {
      async forward(x: string) {
        return x;
      }
    }
    expect(checkSchemas(trace(new Untyped(new NoSchema()), "x"))).toEqual([]);
    const numbers = new (class extends LeafModule {
      readonly inputSchema = z.object({ n: z.number() });
      async forward(x: { n: number }) {
        return x;
      }
    })();
    class IntoNumber extends Module {
      producer = llm(z.object({ n: z.int() }));
      numbers = numbers;
      forward(text: Value<string>) {
        return untyped(this.numbers).call(this.producer.call(text));
      }
    }
    expect(checkSchemas(trace(new IntoNumber(), "x"))).toEqual([]);
  });

  it("checks map bodies against the list's element schema, and loaded graphs from their JSON Schemas", () => {
    class PerItem extends Module {
      list = llm(z.array(z.object({ score: z.number() })));
      counter = new Counter();
      forward(text: Value<string>) {
        return map(this.list.call(text) as Value<unknown[]>, this.counter as never);
      }
    }
    const graph = trace(new PerItem(), "x");
    const found = checkSchemas(graph);
    expect(found.map((m) => [m.consumer, m.producer, m.path, m.producerPath, m.actual])).toEqual([
      ["map_2[*].Counter_1", "LLMInference_1", "text", "[*].text", "missing"],
    ]);
    const loaded = graphFromJSON(JSON.parse(JSON.stringify(graph)));
    expect(checkSchemas(loaded)).toEqual(found);
    expect(checkSchemas(trace(new PerItem(), new Value(ValueKind.TEXT, "y")))).toEqual(found);
  });
});
