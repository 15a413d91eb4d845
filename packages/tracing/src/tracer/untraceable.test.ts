import { LLMInference, Module, TraceError, type Value } from "@weft/core";
import { describe, expect, it } from "vitest";
import { Upper } from "../test-support/modules.js";
import { trace } from "./tracer.js";

class Misuse extends Module {
  upper = new Upper();
  constructor(readonly misuse: (v: Value<string>) => unknown) {
    super();
  }
  forward(text: Value<string>) {
    return this.misuse(this.upper.call(text));
  }
}

function traceError(misuse: (v: Value<string>) => unknown): TraceError {
  try {
    trace(new Misuse(misuse), "x");
  } catch (error) {
    if (TraceError.is(error)) return error;
    throw error;
  }
  throw new Error("the trace did not throw");
}

describe("untraceable code throws and says what to use instead (plait-spec 6.6)", () => {
  it("string coercion: template literals, String(), concatenation and JSON", () => {
    for (const misuse of [
      (v: Value<string>) => `Text: ${v}`,
      (v: Value<string>) => String(v),
      (v: Value<string>) => `${"a"}${v as unknown as string}`.length,
      // biome-ignore lint/style/useTemplate: string concatenation is the misuse under test.
      (v: Value<string>) => (v as unknown as string) + "!",
      (v: Value<string>) => JSON.stringify({ v }),
    ]) {
      const error = traceError(misuse);
      expect(error.reason).toBe("stringified");
      expect(error.ref).toBe("Upper_1");
      expect(error.message).toMatch(/prompt`/);
    }
  });

  it("truthiness and comparisons where detectable: reading the payload, comparing, arithmetic", () => {
    const payload = traceError((v) => (v.payload ? "a" : "b"));
    expect(payload.reason).toBe("placeholder_payload");
    expect(payload.message).toMatch(/route\/when/);
    expect(traceError((v) => (v as unknown as number) > 3).reason).toBe("stringified");
    // biome-ignore lint/suspicious/noDoubleEquals: loose equality is the misuse under test.
    expect(traceError((v) => (v as unknown) == "yes").reason).toBe("stringified");
    expect(traceError((v) => (v as unknown as number) * 2).reason).toBe("stringified");
  });

  it("iterating a traced Value: for-of, spread, destructuring", () => {
    for (const misuse of [
      (v: Value<string>) => {
        for (const item of v) return item;
      },
      (v: Value<string>) => [...v],
      (v: Value<string>) => {
        const [first] = v as unknown as string[];
        return first;
      },
    ]) {
      const error = traceError(misuse);
      expect(error.reason).toBe("iterated");
      expect(error.message).toMatch(/map/);
    }
  });

  it("an async forward() in a composite child", () => {
    class AsyncChild extends Module {
      async forward(text: Value<string>) {
        return text;
      }
    }
    class Parent extends Module {
      child = new AsyncChild();
      forward(text: Value<string>) {
        return this.child.call(text);
      }
    }
    expect(() => trace(new Parent(), "x")).toThrow(expect.objectContaining({ reason: "async_forward" }));
    expect(() => trace(new AsyncChild(), "x")).toThrow(expect.objectContaining({ reason: "async_forward" }));
  });

  it("a Parameter turned into a string while tracing", () => {
    class Stringifies extends Module {
      llm = new LLMInference({ alias: "a", systemPrompt: "sys" });
      forward(text: Value<string>) {
        return this.llm.call(`${this.llm.systemPrompt} ${text.kind}`);
      }
    }
    expect(() => trace(new Stringifies(), "x")).toThrow(expect.objectContaining({ reason: "stringified" }));
  });
});
