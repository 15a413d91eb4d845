import { defineTool, LLMInference, ManualClock, Parameter, ValueKind } from "@weft/core";
import type { GenerateRequest } from "@weft/provider";
import { ResourceManager } from "@weft/resources";
import { MockLanguageModel, objectResponse, textResponse, toolCallResponse } from "@weft/testing";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { RuntimeEvent } from "../events/runtime-events.js";
import { deferred } from "../test-support/graph-fixtures.js";
import { type LlmNodeCall, runLlmNode } from "./run-llm-node.js";

const usage = (inputTokens: number, outputTokens: number) => ({ inputTokens, outputTokens });

function setup(model: MockLanguageModel, extra: Partial<LlmNodeCall> = {}) {
  const clock = new ManualClock();
  const manager = new ResourceManager(
    { aliases: { fast: { model, pricing: { inputPerMTok: 1_000_000, outputPerMTok: 2_000_000 } } } },
    { clock },
  );
  const events: RuntimeEvent[] = [];
  const call: LlmNodeCall = {
    manager,
    clock,
    context: { runId: "r", nodeId: "LLMInference_1", modulePath: "judge" },
    emit: (event) => events.push(event),
    ...extra,
  };
  return { call, events, manager };
}

describe("runLlmNode", () => {
  it("builds the request from the LLMInference: system prompt, prompt, sampling, output schema", async () => {
    const model = new MockLanguageModel({ generate: objectResponse({ score: 4 }) });
    const llm = new LLMInference({
      alias: "fast",
      systemPrompt: new Parameter("Grade it.", { description: "rubric", requiresGrad: true }),
      temperature: 0.2,
      maxTokens: 50,
      outputSchema: z.object({ score: z.number() }),
    });
    const { call } = setup(model, { stream: false });
    const { value, details } = await runLlmNode(llm, "The answer", call);
    expect(value.kind).toBe(ValueKind.STRUCTURED);
    expect(value.payload).toEqual({ score: 4 });
    expect(value.ref).toBe("LLMInference_1");
    const request = model.calls[0]?.request as GenerateRequest;
    expect(request.messages).toEqual([
      { role: "system", content: "Grade it." },
      { role: "user", content: "The answer" },
    ]);
    expect(request).toMatchObject({ temperature: 0.2, maxTokens: 50 });
    expect(request.responseFormat).toMatchObject({
      type: "json",
      schema: { type: "object", properties: { score: { type: "number" } }, required: ["score"] },
    });
    expect(details).toMatchObject({ calls: 1, structuredAttempts: 1 });
    expect(details.response.text).toBe('{"score":4}');
  });

  it("re-asks with the validation issues and counts every attempt's usage and cost", async () => {
    const model = new MockLanguageModel({
      generate: [objectResponse({ score: "high" }, usage(10, 3)), objectResponse({ score: 5 }, usage(20, 4))],
    });
    const llm = new LLMInference({ alias: "fast", outputSchema: z.object({ score: z.number() }) });
    const { call } = setup(model, { stream: false });
    const { value, details } = await runLlmNode(llm, "Rate", call);
    expect(value.payload).toEqual({ score: 5 });
    const second = model.calls[1]?.request as GenerateRequest;
    expect(second.messages.slice(1).map((m) => m.role)).toEqual(["assistant", "user"]);
    expect(second.messages[2]?.content).toContain("score:");
    expect(second.messages[2]?.content).toMatch(/number/i);
    expect(details.usage).toMatchObject({ inputTokens: 30, outputTokens: 7 });
    // $1 per input token and $2 per output token in this test's price table.
    expect(details.costUsd).toBe(30 + 14);
    expect(details).toMatchObject({ calls: 2, structuredAttempts: 2 });
  });

  it("fails with StructuredOutputError carrying the raw text and issues when no attempt is valid", async () => {
    const model = new MockLanguageModel({ generate: textResponse("not json at all") });
    const llm = new LLMInference({ alias: "fast", outputSchema: z.object({ score: z.number() }) });
    const { call } = setup(model, { stream: false, maxStructuredAttempts: 2 });
    const error = await runLlmNode(llm, "Rate", call).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: "structured_output",
      rawText: "not json at all",
      attempts: 2,
      nodeId: "LLMInference_1",
    });
    expect((error as { issues: unknown[] }).issues[0]).toMatchObject({
      message: expect.stringContaining("JSON"),
    });
    expect(model.calls).toHaveLength(2);
  });

  it("runs tool calls concurrently as sub-steps and feeds their TOOL_RESULTs back to the model", async () => {
    const started: string[] = [];
    const gates = { a: deferred<void>(), b: deferred<void>() };
    const lookup = defineTool({
      name: "lookup",
      description: "Looks a key up",
      parameters: z.object({ key: z.enum(["a", "b"]) }),
      execute: async ({ key }) => {
        started.push(key);
        await gates[key].promise;
        return { key, found: key.toUpperCase() };
      },
    });
    const model = new MockLanguageModel({
      generate: [
        toolCallResponse(
          [
            { toolName: "lookup", input: { key: "a" }, toolCallId: "c1" },
            { toolName: "lookup", input: { key: "b" }, toolCallId: "c2" },
          ],
          usage(5, 5),
        ),
        textResponse("A and B", usage(7, 2)),
      ],
    });
    const llm = new LLMInference({ alias: "fast", tools: [lookup] });
    const { call, events } = setup(model, { stream: false });
    const running = runLlmNode(llm, "Find a and b", call);
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    expect(started.sort()).toEqual(["a", "b"]);
    gates.b.resolve();
    gates.a.resolve();
    const { value, details } = await running;
    expect(value.payload).toBe("A and B");
    expect(details.toolSteps.map((s) => [s.id, s.result.kind, s.result.payload])).toEqual([
      ["LLMInference_1/tool[0.0]", ValueKind.TOOL_RESULT, { key: "a", found: "A" }],
      ["LLMInference_1/tool[0.1]", ValueKind.TOOL_RESULT, { key: "b", found: "B" }],
    ]);
    const followUp = model.calls[1]?.request as GenerateRequest;
    expect(followUp.messages.slice(-3)).toEqual([
      { role: "assistant", content: "", toolCalls: expect.any(Array) },
      { role: "tool", toolCallId: "c1", toolName: "lookup", content: '{"key":"a","found":"A"}' },
      { role: "tool", toolCallId: "c2", toolName: "lookup", content: '{"key":"b","found":"B"}' },
    ]);
    expect(details.usage).toMatchObject({ inputTokens: 12, outputTokens: 7 });
    // b was released first, so its sub-step finished first: the calls really overlapped.
    expect(events.filter((e) => e.type === "node.finished").map((e) => e.context.nodeId)).toEqual([
      "LLMInference_1/tool[0.1]",
      "LLMInference_1/tool[0.0]",
    ]);
  });

  it("fails when the model is still calling tools at the step limit", async () => {
    const noop = defineTool({
      name: "noop",
      description: "does nothing",
      parameters: z.object({}),
      execute: () => "ok",
    });
    const model = new MockLanguageModel({ generate: toolCallResponse({ toolName: "noop", input: {} }) });
    const llm = new LLMInference({ alias: "fast", tools: [noop] });
    const { call } = setup(model, { stream: false, maxToolSteps: 3 });
    await expect(runLlmNode(llm, "loop", call)).rejects.toMatchObject({
      code: "tool_step_limit",
      maxToolSteps: 3,
    });
    expect(model.calls).toHaveLength(3);
  });

  it("streams when the model can, recording time to first token", async () => {
    const clock = new ManualClock();
    const model = new MockLanguageModel({ generate: "streamed reply", clock, delayMs: 40 });
    const llm = new LLMInference({ alias: "fast" });
    const { call, manager } = setup(model, { clock });
    const deltas: string[] = [];
    manager.events.on("call.delta", (event) => deltas.push(event.delta));
    const running = runLlmNode(llm, "go", call);
    await clock.runAll();
    const { value, details } = await running;
    expect(value.payload).toBe("streamed reply");
    expect(model.streamCalls).toHaveLength(1);
    expect(deltas.join("")).toBe("streamed reply");
    expect(details.timeToFirstTokenMs).toBe(40);
  });

  it("passes the abort signal down to the provider call", async () => {
    const clock = new ManualClock();
    const model = new MockLanguageModel({ generate: "late", clock, delayMs: 10_000 });
    const llm = new LLMInference({ alias: "fast" });
    const controller = new AbortController();
    const { call } = setup(model, { clock, signal: controller.signal, stream: false });
    const running = runLlmNode(llm, "go", call);
    await new Promise((resolve) => setImmediate(resolve));
    controller.abort(new Error("stop"));
    await expect(running).rejects.toMatchObject({ kind: "aborted" });
    expect(model.calls[0]?.options?.signal?.aborted).toBe(true);
  });
});
