import { describe, expect, it } from "vitest";
import { OpError } from "../errors/op-error.js";
import { Value } from "../value/value.js";
import { ValueKind } from "../value/value-kind.js";
import { add } from "./numeric-ops.js";
import { resolveErrors } from "./resolve-errors.js";
import { select } from "./select.js";
import { concat, render, upper } from "./text-ops.js";

const err = (ref: string, meta: Record<string, unknown> = {}) =>
  new Value(ValueKind.ERROR, new OpError("missing_key", `failed ${ref}`), { ref, meta });

describe("op results (plait-spec 3.1)", () => {
  it("are fresh Values with no ref, not keeping input meta", () => {
    const input = new Value(ValueKind.TEXT, "a", { ref: "n_1", meta: { score: 1 } });
    const out = upper(input);
    expect([out.ref, out.meta]).toEqual([null, {}]);
  });

  it("an op's data error is an ERROR Value with meta.op and meta.sourceRefs, never a throw", () => {
    const input = new Value(ValueKind.INT, 1, { ref: "n_1" });
    const out = concat(["a", input, new Value(ValueKind.TEXT, "b", { ref: "n_2" })]);
    expect(out.kind).toBe("error");
    expect(out.meta).toEqual({ op: "concat", sourceRefs: ["n_1", "n_2"] });
  });

  it("scalar ops do not map over collections", () => {
    expect(upper(["a", "b"] as unknown as string).isError()).toBe(true);
    expect(add([1, 2] as unknown as number, 1).isError()).toBe(true);
  });
});

describe("error resolution (plait-spec 3.2)", () => {
  it("no error: nothing to resolve, the op runs", () => {
    expect(resolveErrors(["a", [1]], { b: 2 })).toBeUndefined();
    expect(concat(["a", "b"]).payload).toBe("ab");
  });

  it("exactly one error: that same Value object is returned", () => {
    const e = err("e1");
    expect(concat(["ok", e])).toBe(e);
  });

  it("several: the first in order is primary, others become causes (concat(err1, ok, err2, sep=err3))", () => {
    const e1 = err("e1", { tag: "keep" });
    const out = concat([e1, "ok", err("e2")], { sep: err("e3") });
    expect(out).not.toBe(e1);
    expect(out.kind).toBe("error");
    expect(out.error).toBe(e1.error);
    expect(out.ref).toBe("e1");
    expect(out.meta.tag).toBe("keep");
    expect(out.meta.causes).toEqual([
      { ref: "e2", message: "failed e2" },
      { ref: "e3", message: "failed e3" },
    ]);
  });

  it("dict entries are walked in sorted key order (render(tmpl, { b: errB, a: errA }))", () => {
    const out = render("{a}{b}", { b: err("errB"), a: err("errA") });
    expect(out.ref).toBe("errA");
    expect(out.meta.causes).toEqual([{ ref: "errB", message: "failed errB" }]);
  });

  it("named arguments come after positional ones, sorted by key; the primary's own causes come first", () => {
    const primary = err("p", { causes: [{ ref: "old", message: "older" }] });
    const out = resolveErrors([primary], { z: err("z"), a: err("a") });
    expect(out?.meta.causes).toEqual([
      { ref: "old", message: "older" },
      { ref: "a", message: "failed a" },
      { ref: "z", message: "failed z" },
    ]);
  });

  it("enters STRUCTURED payloads but not ERROR payloads; the same error counts once", () => {
    const inner = err("inner");
    expect(resolveErrors([new Value(ValueKind.STRUCTURED, { x: [inner] })])).toBe(inner);
    const e = err("e");
    expect(resolveErrors([e, e])).toBe(e);
  });

  it("an error input wins over a default (select(err, path, { default }))", () => {
    const e = err("e");
    expect(select(e, "a", { default: "fallback" })).toBe(e);
  });
});
