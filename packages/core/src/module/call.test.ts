import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { type BoundExecutor, setBoundExecutor } from "../dispatch/bound-executor.js";
import { withTraceHandler } from "../dispatch/trace-handler.js";
import { DirectCallError } from "../errors/direct-call-error.js";
import { NoExecutorError } from "../errors/no-executor-error.js";
import { SchemaValidationError } from "../errors/schema-validation-error.js";
import * as F from "../functional/f.js";
import { LLMInference } from "../llm/llm-inference.js";
import { Parameter } from "../parameter/parameter.js";
import { RecordingTraceHandler, trace } from "../test-support/recording-trace-handler.js";
import { Value } from "../value/value.js";
import { ValueKind } from "../value/value-kind.js";
import { LeafModule } from "./leaf-module.js";
import { Module } from "./module.js";
import { runLeaf } from "./run-leaf.js";

class WordCount extends LeafModule {
  readonly seen: unknown[] = [];
  async forward(input: { text: string }): Promise<{ n: number }> {
    this.seen.push(input);
    return { n: input.text.split(/\s+/).filter(Boolean).length };
  }
}

class Strict extends LeafModule {
  readonly inputSchema = z.object({ text: z.string(), limit: z.number().default(2) });
  readonly outputSchema = z.object({ ok: z.boolean() });
  constructor(private readonly reply: unknown = undefined) {
    super();
  }
  forward(input: { text: string; limit: number }) {
    return this.reply ?? { ok: input.text.length <= input.limit };
  }
}

class Pipeline extends Module {
  counter = new WordCount();
  forward(text: Value<string>) {
    return { count: this.counter.call({ text: F.lower(text) }), original: text };
  }
}

afterEach(() => {
  setBoundExecutor(undefined);
});

describe("call() while tracing (plait-spec 5.3 rule 1)", () => {
  it("a leaf call returns a placeholder synchronously and records one node with its dependencies", () => {
    const { handler, output } = trace(new Pipeline(), ValueKind.TEXT);
    const { count, original } = output as { count: Value; original: Value };
    expect([count.isPlaceholder, count.ref]).toEqual([true, "WordCount_2"]);
    expect(original.ref).toBe("input:input_0");
    expect(handler.nodes.map((n) => [n.id, n.dependencies])).toEqual([
      ["F.lower_1", ["input:input_0"]],
      ["WordCount_2", ["F.lower_1"]],
    ]);
  });

  it("the traced graph executes to the same result as a direct run", async () => {
    const pipeline = new Pipeline();
    const { handler, output } = trace(pipeline, ValueKind.TEXT);
    const results = await handler.execute({ "input:input_0": new Value(ValueKind.TEXT, "One Two three") });
    expect(results.get((output as { count: Value }).count.ref as string)?.payload).toEqual({ n: 3 });
    expect(pipeline.counter.seen).toEqual([{ text: "one two three" }]);
  });

  it("an array argument is one argument, never a batch", () => {
    class Lists extends LeafModule {
      forward(items: string[]) {
        return items.length;
      }
    }
    const handler = new RecordingTraceHandler();
    const lists = new Lists();
    const a = Value.placeholder<string>(ValueKind.TEXT, "input:input_0");
    withTraceHandler(handler, () => lists.call([a, "b"]));
    expect(handler.nodes).toHaveLength(1);
    expect(handler.nodes[0]?.args).toHaveLength(1);
    expect(handler.nodes[0]?.dependencies).toEqual(["input:input_0"]);
  });

  it("tracing takes precedence over a binding", () => {
    const executed: unknown[] = [];
    setBoundExecutor(async (module) => executed.push(module));
    const counter = new WordCount().bind({});
    const out = withTraceHandler(new RecordingTraceHandler(), () => counter.call({ text: "x" }));
    expect((out as unknown as Value).isPlaceholder).toBe(true);
    expect(executed).toEqual([]);
  });
});

describe("call() when bound (plait-spec 5.3 rule 2)", () => {
  it("without an installed executor throws NoExecutorError telling to import @weft/execution", () => {
    const bound = new WordCount().bind({ endpoints: {} });
    expect(() => bound.call({ text: "x" })).toThrow(NoExecutorError);
    expect(() => bound.call({ text: "x" })).toThrow(/import @weft\/execution/);
  });

  it("returns the executor's Promise, passing module, args and { resources, options }", async () => {
    const calls: Parameters<BoundExecutor>[] = [];
    const previous = setBoundExecutor(async (...args) => {
      calls.push(args);
      return { n: 42 };
    });
    expect(previous).toBeUndefined();
    const resources = { endpoints: { fast: {} } };
    const counter = new WordCount();
    const bound = counter.bind(resources, { maxConcurrent: 4 });
    await expect(bound.call({ text: "hello" })).resolves.toEqual({ n: 42 });
    expect(calls).toEqual([[counter, [{ text: "hello" }], { resources, options: { maxConcurrent: 4 } }]]);
    expect(counter.isBound).toBe(true);
  });

  it("children are not bound; unbind() returns to direct calls", async () => {
    setBoundExecutor(async () => "executed");
    const pipeline = new Pipeline().bind({});
    expect(pipeline.counter.isBound).toBe(false);
    const unbound = (pipeline as unknown as Pipeline).unbind();
    expect(unbound.isBound).toBe(false);
    await expect(unbound.counter.call({ text: "a b" }) as unknown as Promise<unknown>).resolves.toEqual({
      n: 2,
    });
  });
});

describe("call() directly (plait-spec 5.3 rule 3)", () => {
  it("a composite runs forward now with its arguments as Values", async () => {
    const pipeline = new Pipeline();
    const out = pipeline.call("Hello World") as { count: unknown; original: Value };
    expect(out.original).toBeInstanceOf(Value);
    expect(out.original.payload).toBe("Hello World");
    await expect(out.count as Promise<unknown>).resolves.toEqual({ n: 2 });
  });

  it("a leaf gets plain data (Values unwrapped, Parameters lifted, Promises awaited) and returns a Promise", async () => {
    const counter = new WordCount();
    const text = new Parameter("a b c", { requiresGrad: false });
    await expect(counter.invoke({ text })).resolves.toEqual({ n: 3 });
    await expect(counter.invoke(new Value(ValueKind.STRUCTURED, { text: "x" }))).resolves.toEqual({ n: 1 });
    await expect(runLeaf(counter, [Promise.resolve({ text: "p q" })])).resolves.toEqual({ n: 2 });
    expect(counter.seen).toEqual([{ text: "a b c" }, { text: "x" }, { text: "p q" }]);
  });

  it("an ERROR Value among a leaf's arguments short-circuits: forward does not run", async () => {
    const counter = new WordCount();
    const error = new Value(ValueKind.ERROR, new Error("upstream"));
    await expect(runLeaf(counter, [{ text: error }])).resolves.toBe(error);
    expect(counter.seen).toEqual([]);
  });

  it("declared schemas check and parse the input and the output", async () => {
    await expect(new Strict().invoke({ text: "ab" })).resolves.toEqual({ ok: true });
    const badInput = new Strict().invoke({ text: 3 } as never);
    await expect(badInput).rejects.toThrow(SchemaValidationError);
    await expect(new Strict().invoke({ text: 3 } as never)).rejects.toThrow(
      /Strict input does not match its schema: text:/,
    );
    await expect(new Strict({ ok: "yes" }).invoke({ text: "a" })).rejects.toThrow(/Strict output/);
  });

  it("an LLMInference called directly throws DirectCallError at once", () => {
    const llm = new LLMInference({ alias: "fast" });
    expect(() => llm.call("hi")).toThrow(DirectCallError);
    expect(() => llm.call("hi")).toThrow(/use run\(module, input, \{ resources \}\)/i);
    expect(() => llm.forward("hi")).toThrow(DirectCallError);
  });
});

describe("the trace handler stack", () => {
  it("nests and restores, also when forward throws", () => {
    const outer = new RecordingTraceHandler();
    const inner = new RecordingTraceHandler();
    const leaf = new WordCount();
    withTraceHandler(outer, () => {
      expect(() =>
        withTraceHandler(inner, () => {
          leaf.call({ text: "x" });
          throw new Error("boom");
        }),
      ).toThrow("boom");
      leaf.call({ text: "y" });
    });
    expect([outer.nodes.length, inner.nodes.length]).toEqual([1, 1]);
  });

  it("rejects an async forward", () => {
    expect(() => withTraceHandler(new RecordingTraceHandler(), async () => 1)).toThrow(/must be synchronous/);
  });
});
