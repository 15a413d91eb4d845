import { F, LLMInference, Module, Parameter, prompt, Value, ValueKind } from "@weft/core";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { map } from "../primitives/map.js";
import { named } from "../primitives/named.js";
import { route } from "../primitives/route.js";
import { withPriority } from "../primitives/with-priority.js";
import { Joiner, Summarizer, Upper } from "../test-support/modules.js";
import { trace } from "../tracer/tracer.js";

interface Knobs {
  readonly temperature?: number;
  readonly system?: string;
  readonly alias?: string;
  readonly schema?: boolean;
  readonly separator?: string;
  readonly sep?: string;
  readonly key?: string;
  readonly template?: string;
  readonly branch?: string;
  readonly priority?: number;
  readonly extraDeadNode?: boolean;
  readonly asArray?: boolean;
  readonly mapBody?: "llm" | "upper";
}

class Configurable extends Module {
  llm: LLMInference<z.ZodType | undefined>;
  join: Joiner;
  upper = new Upper();
  constructor(readonly knobs: Knobs = {}) {
    super();
    this.llm = new LLMInference({
      alias: knobs.alias ?? "fast",
      systemPrompt: knobs.system ?? "sys",
      ...(knobs.temperature === undefined ? {} : { temperature: knobs.temperature }),
      ...(knobs.schema ? { outputSchema: z.object({ a: z.string() }) } : {}),
    });
    this.join = new Joiner(knobs.separator ?? " ");
  }
  forward(text: Value<string>, items: Value<string[]>) {
    const k = this.knobs;
    if (k.extraDeadNode) this.upper.call(text);
    const answer = withPriority(k.priority ?? 0, () => this.llm.call(prompt`${k.template ?? "Q:"} ${text}`));
    const joined = this.join.call(answer as Value<string>, F.concat([text, "!"], { sep: k.sep ?? "" }));
    const field = this.llm.call(text).get(k.key ?? "a");
    const routed = route(text, { [k.branch ?? "x"]: () => joined, y: () => text });
    const mapped = k.mapBody === "upper" ? map(items, this.upper) : map(items, this.llm);
    return k.asArray ? [joined, field, routed, mapped] : { joined, field, routed, mapped };
  }
}

const list = (items: string[]) => new Value(ValueKind.STRUCTURED, items);
const traced = (knobs: Knobs = {}, text = "t", items: string[] = ["a"]) =>
  trace(new Configurable(knobs), text, list(items));
const hashOf = (knobs: Knobs = {}, text = "t", items: string[] = ["a"]) => traced(knobs, text, items).hash;

describe("structural hash", () => {
  it("is a SHA-256 hex, stable across traces and independent of input values", () => {
    const hash = hashOf();
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashOf()).toBe(hash);
    expect(hashOf({}, "another text", ["x"])).toBe(hash);
  });

  it("covers map templates: the map node of equal bodies hashes equal", () => {
    expect(traced().node("map_9").kind).toBe("map");
    expect(traced({}, "u", ["p", "q"]).nodeHash("map_9")).toBe(traced().nodeHash("map_9"));
    expect(traced({ mapBody: "upper" }).nodeHash("map_9")).not.toBe(traced().nodeHash("map_9"));
  });

  it("ignores node ids: a dead node that shifts every id leaves it unchanged", () => {
    const plain = traced();
    const shifted = traced({ extraDeadNode: true });
    expect(shifted.order).not.toEqual(plain.order);
    expect(shifted.hash).toBe(plain.hash);
    expect(shifted.nodeHash("LLMInference_3")).toBe(plain.nodeHash("LLMInference_2"));
  });

  it.each<[string, Knobs]>([
    ["temperature", { temperature: 0.2 }],
    ["system prompt", { system: "other" }],
    ["alias", { alias: "slow" }],
    ["output schema", { schema: true }],
    ["leaf config field", { separator: "|" }],
    ["literal op argument", { sep: "," }],
    ["access key", { key: "b" }],
    ["template text", { template: "Question:" }],
    ["route branch name", { branch: "z" }],
    ["priority", { priority: -1 }],
    ["output structure", { asArray: true }],
    ["map body", { mapBody: "upper" }],
  ])("changes with the %s", (_name, knobs) => {
    expect(hashOf(knobs)).not.toBe(hashOf());
  });

  it("changes with a parameter's value and with input names, not with their values", () => {
    class WithParam extends Module {
      note = new Parameter("v1", { description: "A note" });
      upper = new Upper();
      forward(text: Value<string>) {
        return this.upper.call(prompt`${this.note} ${text}`);
      }
    }
    const module = new WithParam();
    const before = trace(module, "x").hash;
    module.note.applyUpdate("v2");
    expect(trace(module, "x").hash).not.toBe(before);
    const summarizer = new Summarizer();
    expect(trace(summarizer, named({ text: "a" }) as never).hash).not.toBe(trace(summarizer, "a").hash);
  });

  it("gives equal nodes of different graphs equal hashes (Merkle), different ones different hashes", () => {
    const a = traced();
    const b = traced({ separator: "|" });
    expect(a.nodeHash("LLMInference_2")).toBe(b.nodeHash("LLMInference_2"));
    expect(a.nodeHash("Joiner_4")).not.toBe(b.nodeHash("Joiner_4"));
    expect(a.nodeHash("input:input_0")).toBe(b.nodeHash("input:input_0"));
  });
});
