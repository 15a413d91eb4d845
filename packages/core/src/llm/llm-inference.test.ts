import { describe, expect, it } from "vitest";
import { z } from "zod";
import { isLeafModule, isLLMInference } from "../module/brands.js";
import { Module } from "../module/module.js";
import { Parameter } from "../parameter/parameter.js";
import { prompt } from "../prompt/prompt.js";
import { trace } from "../test-support/recording-trace-handler.js";
import type { Value } from "../value/value.js";
import { ValueKind } from "../value/value-kind.js";
import { LLMInference } from "./llm-inference.js";
import { defineTool } from "./tool.js";

describe("LLMInference construction (plait-spec 5.4)", () => {
  it("takes any alias, including unicode", () => {
    expect(new LLMInference({ alias: "模型/快" }).alias).toBe("模型/快");
  });

  it("wraps a non-empty string system prompt as a non-learnable Parameter registered as systemPrompt", () => {
    const llm = new LLMInference({ alias: "a", systemPrompt: "You are terse." });
    expect(llm.systemPrompt).toBeInstanceOf(Parameter);
    expect([llm.systemPrompt?.value, llm.systemPrompt?.requiresGrad, llm.systemPrompt?.description]).toEqual([
      "You are terse.",
      false,
      "System prompt for LLM",
    ]);
    expect(llm.namedParameters().map(([name]) => name)).toEqual(["systemPrompt"]);
  });

  it("counts a whitespace-only prompt as non-empty; an empty one means no system prompt", () => {
    expect(new LLMInference({ alias: "a", systemPrompt: "  " }).systemPrompt?.value).toBe("  ");
    const none = new LLMInference({ alias: "a" });
    expect([none.systemPrompt, none.parameters()]).toEqual([null, []]);
  });

  it("uses a Parameter as is, learnable or not, even with an empty value", () => {
    const learnable = new Parameter("", { description: "Persona" });
    const llm = new LLMInference({ alias: "a", systemPrompt: learnable });
    expect(llm.systemPrompt).toBe(learnable);
    expect(llm.parameters()).toEqual([learnable]);
  });

  it("has no children; nested in a module its system prompt gets a hierarchical name", () => {
    class Outer extends Module {
      llm = new LLMInference({ alias: "a", systemPrompt: "s" });
      forward(q: Value<string>) {
        return this.llm.call(q);
      }
    }
    const outer = new Outer();
    expect(outer.llm.children()).toEqual([]);
    expect(outer.llm.systemPrompt?.hierarchicalName).toBe("llm.systemPrompt");
    expect(outer.stateDict()).toEqual({ "llm.systemPrompt": "s" });
  });

  it("registers learnable few-shot messages given as a Parameter", () => {
    const shots = new Parameter([{ role: "user" as const, content: "2+2" }], { description: "Examples" });
    const llm = new LLMInference({ alias: "a", messages: shots });
    expect(llm.namedParameters().map(([name]) => name)).toEqual(["messages"]);
    expect(llm.fewShot).toEqual([{ role: "user", content: "2+2" }]);
  });

  it("is one node while tracing, depending on its prompt", () => {
    class Ask extends Module {
      llm = new LLMInference({ alias: "a" });
      forward(q: Value<string>) {
        return this.llm.call(prompt`Q: ${q}`);
      }
    }
    const { handler, output } = trace(new Ask(), ValueKind.TEXT);
    expect(handler.nodes.map((n) => [n.id, n.dependencies])).toEqual([
      ["render_1", ["input:input_0"]],
      ["LLMInference_2", ["render_1"]],
    ]);
    expect((output as Value).ref).toBe("LLMInference_2");
  });
});

describe("LLMInference request pieces", () => {
  it("builds messages: system, few-shot turns, the prompt, then any history", () => {
    const llm = new LLMInference({
      alias: "a",
      systemPrompt: "sys",
      messages: [
        { role: "user", content: "q1" },
        { role: "assistant", content: "a1" },
      ],
    });
    expect(llm.buildRequest("q2").messages).toEqual([
      { role: "system", content: "sys" },
      { role: "user", content: "q1" },
      { role: "assistant", content: "a1" },
      { role: "user", content: "q2" },
    ]);
    const history = [{ role: "assistant" as const, content: "", toolCalls: [] }];
    expect(llm.buildRequest("q", history).messages.at(-1)).toBe(history[0]);
  });

  it("sends only the sampling options that are set", () => {
    expect(new LLMInference({ alias: "a" }).buildRequest("q")).toEqual({
      messages: [{ role: "user", content: "q" }],
    });
    const llm = new LLMInference({
      alias: "a",
      temperature: 0,
      maxTokens: 10,
      topP: 0.9,
      stop: ["\n"],
      seed: 7,
    });
    expect(llm.buildRequest("q")).toMatchObject({
      temperature: 0,
      maxTokens: 10,
      topP: 0.9,
      stop: ["\n"],
      seed: 7,
    });
  });

  it("skips the system message when a system prompt Parameter is empty, and follows its updates", () => {
    const persona = new Parameter("", { description: "Persona" });
    const llm = new LLMInference({ alias: "a", systemPrompt: persona });
    expect(llm.buildRequest("q").messages).toHaveLength(1);
    persona.applyUpdate("Be kind.");
    expect(llm.buildRequest("q").messages[0]).toEqual({ role: "system", content: "Be kind." });
  });

  it("asks for JSON with the output schema's JSON Schema, and lists tool specs", () => {
    const tool = defineTool({
      name: "lookup",
      description: "Look up a word",
      parameters: z.object({ word: z.string() }),
      execute: ({ word }) => word.length,
    });
    const llm = new LLMInference({
      alias: "a",
      outputSchema: z.object({ score: z.number() }),
      outputName: "grade",
      tools: [tool],
      toolChoice: "required",
    });
    const request = llm.buildRequest("q");
    expect(request.responseFormat).toEqual({
      type: "json",
      name: "grade",
      schema: {
        type: "object",
        properties: { score: { type: "number" } },
        required: ["score"],
        additionalProperties: false,
      },
    });
    expect(request.tools).toEqual([tool.spec]);
    expect(request.toolChoice).toBe("required");
  });
});

describe("LLMInference output parsing", () => {
  it("without a schema the reply text is the output", () => {
    const out = new LLMInference({ alias: "a" }).parseOutput("hello");
    expect([out.kind, out.payload]).toEqual(["text", "hello"]);
  });

  it("with a schema, parses JSON (fenced or not) and validates it", () => {
    const llm = new LLMInference({ alias: "a", outputSchema: z.object({ score: z.number() }) });
    expect(llm.parseOutput('{"score": 3}').payload).toEqual({ score: 3 });
    expect(llm.parseOutput('```json\n{"score": 4}\n```').payload).toEqual({ score: 4 });
  });

  it("an invalid reply is an ERROR Value with the raw text and the issues", () => {
    const llm = new LLMInference({ alias: "a", outputSchema: z.object({ score: z.number() }) });
    const notJson = llm.parseOutput("score: 3");
    expect([notJson.isError(), notJson.meta.rawText]).toEqual([true, "score: 3"]);
    const mismatch = llm.parseOutput('{"score": "high"}');
    expect((mismatch.error as Error).message).toMatch(/^The reply does not match the output schema: score:/);
    expect(mismatch.meta.issues).toEqual([expect.objectContaining({ path: ["score"] })]);
  });
});

describe("isLLMInference", () => {
  it("recognises LLMInference by brand, not by class identity", () => {
    const llm = new LLMInference({ alias: "fast" });
    expect(isLLMInference(llm)).toBe(true);
    expect(isLeafModule(llm)).toBe(true);
    // An object from another installed copy carries the same global brand.
    const foreign = Object.create(Object.prototype, { [Symbol.for("weft.module.llm")]: { value: true } });
    expect(isLLMInference(foreign)).toBe(true);
    expect(isLLMInference({ alias: "fast" })).toBe(false);
  });
});
