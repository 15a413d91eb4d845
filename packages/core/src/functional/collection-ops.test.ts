import { describe, expect, it } from "vitest";
import { TraceError } from "../errors/trace-error.js";
import { Value } from "../value/value.js";
import { ValueKind } from "../value/value-kind.js";
import { mapValues, stackStructured, zipValues } from "./collection-ops.js";
import { upper } from "./text-ops.js";

const error = new Value(ValueKind.ERROR, new Error("e"), { ref: "bad" }) as Value<never>;

describe("F.mapValues (plait-spec 3.3)", () => {
  it("maps an array to an array of Values; raw results are wrapped", () => {
    const out = mapValues((v: Value<string>) => v.payload.length, ["a", "bcd"]);
    expect(out.map((v) => [v.kind, v.payload])).toEqual([
      ["int", 1],
      ["int", 3],
    ]);
  });

  it("passes ERROR elements through unchanged and turns a throw into an ERROR for that element only", () => {
    const out = mapValues(
      (v: Value<string>) => {
        if (v.payload === "boom") throw new Error("bad element");
        return upper(v);
      },
      ["a", error, "boom"],
    );
    expect(out[0]?.payload).toBe("A");
    expect(out[1]).toBe(error);
    const failed = out[2] as Value;
    expect([failed.isError(), (failed.error as Error).message]).toEqual([true, "bad element"]);
  });

  it("never swallows a TraceError", () => {
    const traced = () =>
      mapValues(() => {
        throw new TraceError("stringified", "no");
      }, ["a"]);
    expect(traced).toThrow(TraceError);
  });

  it("a Value in gives one STRUCTURED Value whose payload lists the result Values", () => {
    const out = mapValues((v: Value<number>) => v.payload * 2, new Value(ValueKind.STRUCTURED, [1, 2]));
    expect(out.kind).toBe("structured");
    expect(out.at(1).payload).toBe(4);
    expect(mapValues((v) => v, error)).toBe(error);
    expect(mapValues((v) => v, new Value(ValueKind.TEXT, "x")).isError()).toBe(true);
  });

  it("a non-list raw input gives [ERROR]", () => {
    const out = mapValues((v) => v, "nope" as unknown as string[]);
    expect(out).toHaveLength(1);
    expect(out[0]?.isError()).toBe(true);
  });
});

describe("F.zipValues (plait-spec 3.3)", () => {
  it("groups i-th elements as Values, keeping error elements", () => {
    const out = zipValues([1, error], ["a", "b"]) as Value[][];
    expect(out.map((tuple) => tuple.map((v) => (v.isError() ? "ERR" : v.payload)))).toEqual([
      [1, "a"],
      ["ERR", "b"],
    ]);
    expect(out[1]?.[0]).toBe(error);
  });

  it("no batches gives []; unequal lengths, an ERROR batch or a non-list batch give ERRORs", () => {
    expect(zipValues()).toEqual([]);
    expect(((zipValues([1], [1, 2]) as Value).error as Error).message).toBe("Batches must have equal length");
    expect(zipValues([1], error as unknown as unknown[])).toBe(error);
    expect((zipValues([1], "x" as unknown as unknown[]) as Value).isError()).toBe(true);
  });

  it("with a Value batch the result is one STRUCTURED Value", () => {
    const out = zipValues([1, 2], new Value(ValueKind.STRUCTURED, ["a", "b"]));
    expect(out.kind).toBe("structured");
    expect(out.at(0).at(1).payload).toBe("a");
  });
});

describe("F.stackStructured (plait-spec 3.3)", () => {
  it("lists the payloads of structured elements, as given", () => {
    const inner = new Value(ValueKind.TEXT, "kept");
    const out = stackStructured([new Value(ValueKind.STRUCTURED, { a: 1 }), [1, 2], { b: inner }]);
    expect(out.payload).toEqual([{ a: 1 }, [1, 2], { b: inner }]);
    expect((out.payload[2] as { b: Value }).b).toBe(inner);
  });

  it("an ERROR element propagates; other elements are ERRORs", () => {
    expect(stackStructured([{ a: 1 }, error])).toBe(error);
    expect(stackStructured([new Value(ValueKind.TEXT, "x")]).isError()).toBe(true);
    expect(stackStructured(["raw"]).isError()).toBe(true);
  });
});
