import { describe, expect, it } from "vitest";
import { withTraceHandler } from "../dispatch/trace-handler.js";
import { Parameter } from "../parameter/parameter.js";
import { RecordingTraceHandler } from "../test-support/recording-trace-handler.js";
import { Value } from "../value/value.js";
import { ValueKind } from "../value/value-kind.js";
import { prompt } from "./prompt.js";

describe("prompt tagged template", () => {
  it("renders concrete values now: text as is, objects as JSON, parameters by value", () => {
    const rules = new Parameter("be brief", { requiresGrad: false });
    const out = prompt`Rules: ${rules}. Data: ${{ a: [1] }} n=${new Value(ValueKind.INT, 3)} ${"raw"}`;
    expect([out.kind, out.payload, out.ref]).toEqual([
      "text",
      'Rules: be brief. Data: {"a":[1]} n=3 raw',
      null,
    ]);
  });

  it("an ERROR among the values is the result (errors are data)", () => {
    const error = new Value(ValueKind.ERROR, new Error("upstream"), { ref: "n_1" });
    expect(prompt`x ${error} y`).toBe(error);
  });

  it("while tracing, records one render node depending on every interpolated traced Value", () => {
    const handler = new RecordingTraceHandler();
    const style = new Parameter("formal", { requiresGrad: false });
    const a = Value.placeholder(ValueKind.TEXT, "input:input_0");
    const b = Value.placeholder(ValueKind.STRUCTURED, "LLMInference_1");
    const out = withTraceHandler(handler, () => prompt`Q: ${a} / ${[b]} / ${style} / ${"lit"}`);
    expect([out.isPlaceholder, out.kind]).toEqual([true, "text"]);
    expect(handler.nodes.map((n) => [n.label, n.dependencies])).toEqual([
      ["render", ["input:input_0", "LLMInference_1", `param:${style.id}`]],
    ]);
  });

  it("the recorded render produces the text at execution", async () => {
    const handler = new RecordingTraceHandler();
    const a = Value.placeholder(ValueKind.TEXT, "input:input_0");
    const out = withTraceHandler(handler, () => prompt`Summarize:\n${a}\n-- ${{ k: a }}`);
    const results = await handler.execute({ "input:input_0": new Value(ValueKind.TEXT, "long text") });
    expect(results.get(out.ref as string)?.payload).toBe('Summarize:\nlong text\n-- {"k":"long text"}');
  });

  it("while tracing, a template with literals only renders at once", () => {
    const handler = new RecordingTraceHandler();
    const out = withTraceHandler(handler, () => prompt`plain ${1}`);
    expect(out.payload).toBe("plain 1");
    expect(handler.nodes).toEqual([]);
  });
});
