import { describe, expect, it } from "vitest";
import { withTraceHandler } from "../dispatch/trace-handler.js";
import { Parameter } from "../parameter/parameter.js";
import { RecordingTraceHandler } from "../test-support/recording-trace-handler.js";
import { Value } from "../value/value.js";
import { ValueKind } from "../value/value-kind.js";
import * as F from "./f.js";

const input = (kind: ValueKind, i = 0) => Value.placeholder<never>(kind, `input:input_${i}`);

describe("functional ops while tracing (plait-spec 3.1, design intent)", () => {
  it("an op with a traced input records one F.<op> node and returns a placeholder of the result kind", () => {
    const handler = new RecordingTraceHandler();
    const out = withTraceHandler(handler, () => F.concat([input(ValueKind.TEXT), "!"], { sep: " " }));
    expect([out.isPlaceholder, out.kind]).toEqual([true, "text"]);
    expect(handler.nodes.map((n) => [n.label, n.dependencies])).toEqual([["F.concat", ["input:input_0"]]]);
  });

  it("the recorded node executes the pure op on resolved inputs, giving the direct result", async () => {
    const handler = new RecordingTraceHandler();
    const [sum, text, picked, failed] = withTraceHandler(handler, () => {
      const numbers = input(ValueKind.STRUCTURED, 0);
      const name = input(ValueKind.TEXT, 1);
      return [
        F.sum(numbers),
        F.render("Hi {n}", { n: F.upper(name) }),
        F.select(numbers, [1]),
        F.div(F.sum(numbers), 0),
      ];
    });
    const results = await handler.execute({
      "input:input_0": new Value(ValueKind.STRUCTURED, [1, 2, 3]),
      "input:input_1": new Value(ValueKind.TEXT, "ada"),
    });
    const at = (v: Value | undefined) => results.get(v?.ref as string);
    expect(at(sum)?.payload).toBe(6);
    expect(at(text)?.payload).toBe("Hi ADA");
    expect(at(picked)?.payload).toBe(2);
    expect(((at(failed) as Value).error as Error).message).toBe("Division by zero");
  });

  it("errors still resolve at execution: an upstream ERROR flows through recorded ops", async () => {
    const handler = new RecordingTraceHandler();
    const out = withTraceHandler(handler, () => F.lower(F.upper(input(ValueKind.TEXT))));
    const upstream = new Value(ValueKind.ERROR, new Error("upstream"), { ref: "input:input_0" });
    const results = await handler.execute({ "input:input_0": upstream });
    expect(results.get(out.ref as string)).toBe(upstream);
  });

  it("ops on literals only run at once while tracing, with no node", () => {
    const handler = new RecordingTraceHandler();
    const out = withTraceHandler(handler, () => F.add(1, 2));
    expect(out.payload).toBe(3);
    expect(handler.nodes).toEqual([]);
  });

  it("a lifted parameter (concrete, with a param: ref) is recorded as a dependency", () => {
    const handler = new RecordingTraceHandler();
    const style = new Parameter("terse", { requiresGrad: false });
    withTraceHandler(handler, () => F.concat([style.toValue(), input(ValueKind.TEXT)]));
    expect(handler.nodes[0]?.dependencies).toEqual([`param:${style.id}`, "input:input_0"]);
  });

  it("mapValues over a traced list Value is one node that maps at execution", async () => {
    const handler = new RecordingTraceHandler();
    const out = withTraceHandler(handler, () =>
      F.mapValues((v: Value<string>) => F.upper(v), input(ValueKind.STRUCTURED)),
    );
    expect(handler.nodes.map((n) => n.label)).toEqual(["F.mapValues"]);
    const results = await handler.execute({ "input:input_0": new Value(ValueKind.STRUCTURED, ["a", "b"]) });
    const mapped = results.get(out.ref as string) as Value;
    expect([mapped.at(0).payload, mapped.at(1).payload]).toEqual(["A", "B"]);
  });

  it("mapValues over an array of placeholders maps now: each call of fn records its own nodes", () => {
    const handler = new RecordingTraceHandler();
    const out = withTraceHandler(handler, () =>
      F.mapValues((v: Value<string>) => F.upper(v), [input(ValueKind.TEXT, 0), input(ValueKind.TEXT, 1)]),
    );
    expect(out).toHaveLength(2);
    expect(handler.nodes.map((n) => [n.label, n.dependencies])).toEqual([
      ["F.upper", ["input:input_0"]],
      ["F.upper", ["input:input_1"]],
    ]);
  });

  it("zipValues with a traced batch is one node that zips at execution", async () => {
    const handler = new RecordingTraceHandler();
    const out = withTraceHandler(handler, () => F.zipValues([1, 2], input(ValueKind.STRUCTURED)));
    const results = await handler.execute({ "input:input_0": new Value(ValueKind.STRUCTURED, ["a", "b"]) });
    expect((results.get(out.ref as string) as Value).at(1).at(1).payload).toBe("b");
  });
});
