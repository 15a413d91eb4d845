import { describe, expect, it } from "vitest";
import { withTraceHandler } from "../dispatch/trace-handler.js";
import { ParameterError } from "../errors/parameter-error.js";
import { TraceError } from "../errors/trace-error.js";
import { Module } from "../module/module.js";
import { RecordingTraceHandler } from "../test-support/recording-trace-handler.js";
import { Value } from "../value/value.js";
import { ValueKind } from "../value/value-kind.js";
import { extractActions } from "./extract-actions.js";
import { Parameter } from "./parameter.js";
import { ParameterDict } from "./parameter-dict.js";
import { ParameterList } from "./parameter-list.js";

class Holder extends Module {
  p = new Parameter("v", { description: "a rule" });
  list = new ParameterList([new Parameter("l0", { description: "first" })]);
  dict = new ParameterDict({ k: new Parameter({ n: 1 }, { description: "cfg" }) });
  forward() {
    return undefined;
  }
}

describe("Parameter fields (plait-spec 4.1)", () => {
  it("requires a non-empty description when learnable, explaining why", () => {
    expect(() => new Parameter("x")).toThrow(ParameterError);
    expect(() => new Parameter("x", { description: "  " })).toThrow(/optimizer uses it/);
    expect(() => new Parameter("x", { requiresGrad: false })).not.toThrow();
  });

  it("defaults requiresGrad to true and has a 32-hex id", () => {
    const p = new Parameter("x", { description: "d" });
    expect(p.requiresGrad).toBe(true);
    expect(p.description).toBe("d");
    expect(p.id).toMatch(/^[0-9a-f]{32}$/);
    expect(new Parameter("x", { requiresGrad: false }).description).toBeNull();
  });

  it("equality compares value, description and requiresGrad only", () => {
    const a = new Parameter({ x: [1] }, { description: "d" });
    expect(a.equals(new Parameter({ x: [1] }, { description: "d" }))).toBe(true);
    expect(a.equals(new Parameter({ x: [2] }, { description: "d" }))).toBe(false);
    expect(a.equals(new Parameter({ x: [1] }, { description: "e" }))).toBe(false);
  });

  it("String(param) is String(value) outside a trace and a TraceError while tracing", () => {
    const p = new Parameter(42, { requiresGrad: false });
    expect(String(p)).toBe("42");
    expect(() => withTraceHandler(new RecordingTraceHandler(), () => `${p}`)).toThrow(TraceError);
  });
});

describe("Parameter feedback and updates (plait-spec 4.2)", () => {
  it("accumulateFeedback appends strings, even empty ones, and flattens Values into actions", () => {
    const p = new Parameter("x", { description: "d" });
    p.accumulateFeedback("shorter");
    p.accumulateFeedback("");
    p.accumulateFeedback(new Value(ValueKind.STRUCTURED, [["a", ""], ["b"]]));
    expect(p.getAccumulatedFeedback()).toEqual(["shorter", "", "a", "b"]);
  });

  it("is a no-op when requiresGrad is false", () => {
    const p = new Parameter("x", { requiresGrad: false });
    p.accumulateFeedback("ignored");
    expect(p.getAccumulatedFeedback()).toEqual([]);
  });

  it("getAccumulatedFeedback returns a copy; zeroFeedback clears only the buffer", () => {
    const p = new Parameter("x", { description: "d" });
    p.accumulateFeedback("a");
    p.getAccumulatedFeedback().push("tamper");
    expect(p.getAccumulatedFeedback()).toEqual(["a"]);
    p.zeroFeedback();
    expect([p.getAccumulatedFeedback(), p.value]).toEqual([[], "x"]);
  });

  it("applyUpdate sets the value, bumps the owning module's version (through containers), clears feedback", () => {
    const holder = new Holder();
    holder.p.accumulateFeedback("fb");
    holder.p.applyUpdate("v2");
    expect([holder.p.value, holder.stateVersion, holder.p.getAccumulatedFeedback()]).toEqual(["v2", 1, []]);
    holder.list.at(0).applyUpdate("l1");
    holder.dict.get("k").applyUpdate({ n: 2 });
    expect(holder.stateVersion).toBe(3);
  });

  it("nested modules keep separate state versions", () => {
    class Outer extends Module {
      inner = new Holder();
      forward() {
        return undefined;
      }
    }
    const outer = new Outer();
    outer.inner.p.applyUpdate("changed");
    expect([outer.stateVersion, outer.inner.stateVersion]).toEqual([0, 1]);
  });

  it("extractActions flattens lists of lists, stringifies flat lists, drops empties", () => {
    expect(extractActions([["a", ""], ["b"]])).toEqual(["a", "b"]);
    expect(extractActions([1, "", "x"])).toEqual(["1", "x"]);
    expect(extractActions("s")).toEqual(["s"]);
    expect(extractActions("")).toEqual([]);
    expect(extractActions(null)).toEqual([]);
    expect(extractActions(7)).toEqual(["7"]);
  });
});

describe("Parameter names (plait-spec 4.2, 4.3)", () => {
  it("has no name until assigned; then its attribute name; hierarchical through parents", () => {
    const loose = new Parameter("x", { requiresGrad: false });
    expect([loose.name, loose.hierarchicalName]).toEqual([null, null]);
    const holder = new Holder();
    expect([holder.p.name, holder.p.hierarchicalName]).toEqual(["p", "p"]);
    expect(holder.list.at(0).hierarchicalName).toBe("list.0");
    expect(holder.dict.get("k").hierarchicalName).toBe("dict.k");
  });

  it("the last assignment wins for name and owner", () => {
    const a = new Holder();
    const b = new Holder();
    (b as { p: Parameter }).p = a.p;
    a.p.applyUpdate("moved");
    expect([a.stateVersion, b.stateVersion]).toEqual([0, 1]);
  });
});

describe("Lifting a Parameter into a Value (plait-spec 4.4)", () => {
  it("has kind by value, ref param:<name> and meta with name, id, version, requiresGrad", () => {
    const holder = new Holder();
    holder.p.applyUpdate("v1");
    const v = holder.p.toValue();
    expect([v.kind, v.payload, v.ref]).toEqual(["text", "v1", "param:p"]);
    expect(v.meta).toEqual({
      paramName: "p",
      paramId: holder.p.id,
      moduleStateVersion: 1,
      requiresGrad: true,
    });
    expect(holder.dict.get("k").toValue().kind).toBe("structured");
    expect(new Parameter(3, { requiresGrad: false }).toValue().kind).toBe("int");
  });

  it("uses the id when unnamed, and an explicit kind keeps ref and meta", () => {
    const p = new Parameter("Hi {name}", { requiresGrad: false });
    const v = p.toValue(ValueKind.FSTRING);
    expect([v.kind, v.ref, v.meta.paramName, v.meta.moduleStateVersion]).toEqual([
      "fstring",
      `param:${p.id}`,
      null,
      0,
    ]);
  });
});
