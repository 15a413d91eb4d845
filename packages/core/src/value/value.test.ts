import { describe, expect, it } from "vitest";
import { withTraceHandler } from "../dispatch/trace-handler.js";
import { OpError } from "../errors/op-error.js";
import { TraceError } from "../errors/trace-error.js";
import { RecordingTraceHandler } from "../test-support/recording-trace-handler.js";
import { Value } from "./value.js";
import { valueFromJSON } from "./value-from-json.js";
import { ValueKind } from "./value-kind.js";

const struct = (payload: unknown, ref: string | null = null) =>
  new Value(ValueKind.STRUCTURED, payload, { ref });

describe("ValueKind (plait-spec 2.2)", () => {
  it("has the ten kinds with stable string values", () => {
    expect(Object.values(ValueKind)).toEqual([
      "text",
      "fstring",
      "response",
      "structured",
      "int",
      "float",
      "error",
      "tool_result",
      "binary",
      "other",
    ]);
  });
});

describe("Value fields and equality (plait-spec 2.1)", () => {
  it("has kind, payload, ref (default null) and meta (default {})", () => {
    const v = new Value(ValueKind.TEXT, "hi");
    expect([v.kind, v.payload, v.ref, v.meta]).toEqual(["text", "hi", null, {}]);
    const w = new Value(ValueKind.INT, 3, { ref: "n_1", meta: { score: 1 } });
    expect([w.ref, w.meta]).toEqual(["n_1", { score: 1 }]);
  });

  it("copies and freezes meta", () => {
    const meta = { a: 1 };
    const v = new Value(ValueKind.TEXT, "x", { meta });
    meta.a = 2;
    expect(v.meta).toEqual({ a: 1 });
    expect(Object.isFrozen(v.meta)).toBe(true);
  });

  it("equality compares kind, ref, payload and meta deeply", () => {
    const a = new Value(ValueKind.STRUCTURED, { x: [1, 2] }, { ref: "r", meta: { m: 1 } });
    expect(a.equals(new Value(ValueKind.STRUCTURED, { x: [1, 2] }, { ref: "r", meta: { m: 1 } }))).toBe(true);
    expect(a.equals(new Value(ValueKind.STRUCTURED, { x: [1, 3] }, { ref: "r", meta: { m: 1 } }))).toBe(
      false,
    );
    expect(a.equals(new Value(ValueKind.OTHER, { x: [1, 2] }, { ref: "r", meta: { m: 1 } }))).toBe(false);
    expect(a.equals(new Value(ValueKind.STRUCTURED, { x: [1, 2] }, { ref: "s", meta: { m: 1 } }))).toBe(
      false,
    );
    expect(a.equals(new Value(ValueKind.STRUCTURED, { x: [1, 2] }, { ref: "r", meta: { m: 2 } }))).toBe(
      false,
    );
  });

  it("an ERROR Value carries the error as data", () => {
    const error = new OpError("missing_key", "nope");
    const v = new Value(ValueKind.ERROR, error);
    expect(v.isError()).toBe(true);
    expect(v.error).toBe(error);
    expect(new Value(ValueKind.TEXT, "x").error).toBeUndefined();
  });
});

describe("Placeholders and string conversion guards", () => {
  const placeholder = Value.placeholder(ValueKind.RESPONSE, "LLMInference_1");
  const trace = <T>(fn: () => T) => withTraceHandler(new RecordingTraceHandler(), fn);

  it("a placeholder has a ref and no payload", () => {
    expect(placeholder.isPlaceholder).toBe(true);
    expect(placeholder.ref).toBe("LLMInference_1");
    expect(new Value(ValueKind.TEXT, "x").isPlaceholder).toBe(false);
  });

  it("reading .payload of a placeholder while tracing throws a TraceError naming the alternatives", () => {
    const read = () => trace(() => (placeholder.payload ? "taken" : "not taken"));
    expect(read).toThrow(TraceError);
    expect(read).toThrow(/Cannot read \.payload of placeholder Value \(ref "LLMInference_1"\)/);
    expect(read).toThrow(/prompt`/);
    expect(read).toThrow(/route\/when/);
  });

  it("reading .payload of a placeholder outside a trace throws too", () => {
    expect(() => placeholder.payload).toThrow(/outside a trace/);
  });

  it.each([
    ["String(v)", (v: Value) => String(v)],
    ["a template literal", (v: Value) => `${v}`],
    // biome-ignore lint/style/useTemplate: the point is the + operator
    ['v + ""', (v: Value) => (v as unknown as string) + ""],
    ["v.toString()", (v: Value) => v.toString()],
    ["JSON.stringify(v)", (v: Value) => JSON.stringify(v)],
    ["JSON.stringify({ v })", (v: Value) => JSON.stringify({ v })],
    ["a comparison", (v: Value) => (v as unknown as number) > 3],
    ["unary plus", (v: Value) => +(v as unknown as number)],
  ])("%s on a traced Value while tracing throws a TraceError", (_name, convert) => {
    const error = (() => {
      try {
        trace(() => convert(placeholder));
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(TraceError.is(error)).toBe(true);
    expect((error as TraceError).reason).toBe("stringified");
    expect((error as TraceError).message).toMatch(/dependency on it would be silently lost/);
  });

  it("a concrete Value with a ref (a lifted parameter) cannot be stringified while tracing either", () => {
    const lifted = new Value(ValueKind.TEXT, "be brief", { ref: "param:style" });
    expect(() => trace(() => `${lifted}`)).toThrow(TraceError);
    expect(`${lifted}`).toBe("be brief");
  });

  it("a literal Value (no ref) stringifies while tracing, and any concrete Value outside a trace", () => {
    expect(trace(() => `${new Value(ValueKind.INT, 4)}`)).toBe("4");
    expect(String(new Value(ValueKind.STRUCTURED, { a: [1, "x"] }))).toBe('{"a":[1,"x"]}');
    expect(+new Value(ValueKind.INT, 4)).toBe(4);
  });

  it("iterating a traced Value while tracing throws a TraceError pointing to at()/mapValues", () => {
    const iterate = () => trace(() => [...placeholder]);
    expect(iterate).toThrow(TraceError);
    expect(iterate).toThrow(/length is unknown until execution/);
  });

  it("a placeholder cannot be stringified or serialized outside a trace", () => {
    expect(() => String(placeholder)).toThrow(TraceError);
    expect(() => JSON.stringify(placeholder)).toThrow(TraceError);
  });
});

describe("Structured access (plait-spec 2.7)", () => {
  it("get() selects one key; a nested object becomes STRUCTURED so chained access works", () => {
    const v = struct({ user: { name: "Ada" }, "a.b": 1 });
    const name = v.get("user").get("name");
    expect([name.kind, name.payload]).toEqual(["text", "Ada"]);
    expect(v.get("user").kind).toBe("structured");
    expect(v.get("a.b").payload).toBe(1);
  });

  it("an element that is already a Value is returned as is", () => {
    const inner = new Value(ValueKind.TEXT, "kept", { ref: "n_1" });
    expect(struct({ inner }).get("inner")).toBe(inner);
  });

  it("a missing key or a non-object payload gives an ERROR Value; an ERROR input returns itself", () => {
    const missing = struct({ a: 1 }).get("b");
    expect(missing.isError()).toBe(true);
    expect(missing.meta).toMatchObject({ op: "get", missing: "b", path: ["b"] });
    expect((new Value(ValueKind.TEXT, "x") as Value).get("a").isError()).toBe(true);
    const error: Value = new Value(ValueKind.ERROR, new Error("boom"));
    expect(error.get("a")).toBe(error);
  });

  it("at() indexes arrays, negative from the end; out of range is an ERROR Value", () => {
    const v = struct([10, 20, 30]);
    expect(v.at(0).payload).toBe(10);
    expect(v.at(-1).payload).toBe(30);
    expect(v.at(3).isError()).toBe(true);
    expect(struct({ a: 1 }).at(0).isError()).toBe(true);
  });

  it("keys(), values() and entries() of an object payload; ERROR for other payloads", () => {
    const v = struct({ a: 1, b: "x" });
    expect(v.keys().payload).toEqual(["a", "b"]);
    expect(v.values().payload).toEqual([1, "x"]);
    expect(v.entries().payload).toEqual([
      ["a", 1],
      ["b", "x"],
    ]);
    expect(struct([1]).keys().isError()).toBe(true);
  });

  it("iterating a concrete Value yields element Values (array) or keys (object), nothing otherwise", () => {
    expect([...struct([1, { a: 2 }])].map((v) => [v.kind, v.payload])).toEqual([
      ["int", 1],
      ["structured", { a: 2 }],
    ]);
    expect([...new Value(ValueKind.TEXT, "ab")]).toEqual([]);
    expect([...struct({ x: 1, y: 2 })].map((v) => v.payload)).toEqual(["x", "y"]);
    expect([...new Value(ValueKind.ERROR, new Error("e"))]).toEqual([]);
    expect([...new Value(ValueKind.INT, 3)]).toEqual([]);
  });

  it("while tracing, get/at/keys on a Value with a ref record access nodes and return placeholders", () => {
    const handler = new RecordingTraceHandler();
    const traced = Value.placeholder(ValueKind.STRUCTURED, "input:input_0");
    const [a, b, c] = withTraceHandler(handler, () => [traced.get("a"), traced.at(2), traced.keys()]);
    expect([a, b, c].every((v) => v?.isPlaceholder)).toBe(true);
    expect(handler.nodes.map((n) => [n.label, n.dependencies])).toEqual([
      ["get", ["input:input_0"]],
      ["at", ["input:input_0"]],
      ["keys", ["input:input_0"]],
    ]);
  });

  it("while tracing, a literal Value (no ref) is accessed eagerly", () => {
    const handler = new RecordingTraceHandler();
    const got = withTraceHandler(handler, () => struct({ a: 1 }).get("a"));
    expect(got.payload).toBe(1);
    expect(handler.nodes).toEqual([]);
  });

  it("a recorded access executes with the same semantics as a direct one", async () => {
    const handler = new RecordingTraceHandler();
    const traced = Value.placeholder(ValueKind.STRUCTURED, "input:input_0");
    const [found, missing] = withTraceHandler(handler, () => [traced.get("a"), traced.get("zzz")]);
    const results = await handler.execute({ "input:input_0": struct({ a: { b: 1 } }) });
    expect(results.get(found?.ref as string)?.payload).toEqual({ b: 1 });
    expect(results.get(missing?.ref as string)?.isError()).toBe(true);
  });
});

describe("JSON form", () => {
  it("serializes to { kind, payload, ref, meta } and revives, errors included", () => {
    const v = new Value(ValueKind.FLOAT, 1, { ref: "n", meta: { score: 0.5 } });
    expect(JSON.parse(JSON.stringify(v))).toEqual({
      kind: "float",
      payload: 1,
      ref: "n",
      meta: { score: 0.5 },
    });
    expect(valueFromJSON(JSON.parse(JSON.stringify(v))).equals(v)).toBe(true);
    const error = new Value(ValueKind.ERROR, new OpError("zero_division", "Division by zero"));
    const revived = valueFromJSON(JSON.parse(JSON.stringify(error)));
    expect(revived.kind).toBe("error");
    expect(revived.error).toMatchObject({
      name: "OpError",
      message: "Division by zero",
      code: "zero_division",
    });
    expect(() => valueFromJSON({ kind: "nope", payload: 1, meta: {} })).toThrow(TypeError);
  });
});
