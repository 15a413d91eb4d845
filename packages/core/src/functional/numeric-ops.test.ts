import { describe, expect, it } from "vitest";
import { asFloat } from "../value/float.js";
import { Value } from "../value/value.js";
import { ValueKind } from "../value/value-kind.js";
import { max, mean, min, sum } from "./aggregate-ops.js";
import { add, div, mul, sub } from "./numeric-ops.js";

const int = (n: number) => new Value(ValueKind.INT, n);
const float = (n: number) => new Value(ValueKind.FLOAT, n);
const message = (x: Value) => (x.error as Error).message;

describe("F.add / sub / mul / div (plait-spec 3.3)", () => {
  it("INT with INT stays INT; a FLOAT on either side promotes to FLOAT", () => {
    expect(add(2, int(3))).toMatchObject({ kind: "int", payload: 5 });
    expect(sub(float(2), 1)).toMatchObject({ kind: "float", payload: 1 });
    expect(mul(2, asFloat(3))).toMatchObject({ kind: "float", payload: 6 });
    expect(add(0.5, 1).kind).toBe("float");
  });

  it("div is always FLOAT; a zero divisor is an ERROR", () => {
    expect(div(4, 2)).toMatchObject({ kind: "float", payload: 2 });
    expect(message(div(1, int(0)))).toBe("Division by zero");
  });

  it("booleans (raw or payload) and other kinds are ERRORs", () => {
    expect(message(add(true as unknown as number, 1))).toBe("Boolean is not numeric");
    expect(message(add(new Value(ValueKind.INT, false), 1))).toBe("Boolean is not numeric");
    expect(message(add(new Value(ValueKind.TEXT, "1"), 1))).toBe("Value is not numeric");
  });

  it("propagates an ERROR operand", () => {
    const error = new Value(ValueKind.ERROR, new Error("e"));
    expect(mul(error, 2)).toBe(error);
  });
});

describe("F.sum / min / max / mean (plait-spec 3.3)", () => {
  it("sum: an empty list is INT 0; FLOAT when any element is FLOAT; accepts a STRUCTURED list", () => {
    expect(sum([])).toMatchObject({ kind: "int", payload: 0 });
    expect(sum([1, int(2), 3]).payload).toBe(6);
    expect(sum([1, float(2)]).kind).toBe("float");
    expect(sum(new Value(ValueKind.STRUCTURED, [1, 2])).payload).toBe(3);
  });

  it("min/max keep the chosen element's kind; an empty list is an ERROR", () => {
    expect(min([3, float(1.5), 2])).toMatchObject({ kind: "float", payload: 1.5 });
    expect(max([3, float(1.5), 2])).toMatchObject({ kind: "int", payload: 3 });
    expect(message(min([]))).toBe("Values list is empty");
  });

  it("mean is always FLOAT; an empty list is an ERROR", () => {
    expect(mean([1, 2])).toMatchObject({ kind: "float", payload: 1.5 });
    expect(mean([]).isError()).toBe(true);
  });

  it("an ERROR element propagates; a non-numeric element or a non-list is an ERROR", () => {
    const error = new Value(ValueKind.ERROR, new Error("e"), { ref: "e" });
    expect(sum([1, error])).toBe(error);
    expect(sum(new Value(ValueKind.STRUCTURED, [1, error]))).toBe(error);
    expect(message(max([1, "x" as unknown as number]))).toBe("Value is not numeric");
    expect(sum(new Value(ValueKind.TEXT, "1")).isError()).toBe(true);
  });
});
