import { F, LeafModule, LLMInference, Module, Parameter, prompt, Value, ValueKind } from "@weft/core";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { InputNode, LLMNode, MapNode } from "../graph/node-types.js";
import { map } from "../primitives/map.js";
import { route, when } from "../primitives/route.js";
import { sideOutput } from "../primitives/side-output.js";
import { evaluate } from "../test-support/evaluate.js";
import { Summarizer, Upper } from "../test-support/modules.js";
import { trace } from "../tracer/tracer.js";
import { OpaqueObject } from "./encode-data.js";
import { graphFromJSON } from "./from-json.js";
import { GRAPH_FORMAT, GRAPH_FORMAT_VERSION } from "./graph-json.js";

class Split extends LeafModule {
  readonly outputSchema = z.array(z.string());
  async forward(text: string) {
    return text.split(",");
  }
}

class Everything extends Module {
  summarize = new Summarizer();
  split = new Split();
  upper = new Upper();
  judge = new LLMInference({ alias: "judge", outputSchema: z.object({ score: z.number() }), temperature: 0 });
  bonus = new Parameter(2, { description: "Bonus points" });
  forward(text: Value<string>, doc: Value<string>) {
    const parts = this.split.call(doc);
    const perPart = map(parts, (part, i) =>
      map(this.split.call(prompt`${part},${i}`), (bit) =>
        this.summarize.call(F.concat([bit, text], { sep: "|" })),
      ),
    );
    const score = this.judge.call(prompt`${text}`).get("score");
    const routed = route(
      F.lower(text),
      { a: () => this.upper.call(text), b: () => new Value(ValueKind.INT, 1) },
      { fallback: "b" },
    );
    sideOutput("raw", {
      score,
      when: when(
        score,
        () => score,
        () => this.bonus,
      ),
    });
    return {
      perPart,
      routed,
      odd: [
        undefined,
        Number.NaN,
        new Date(0),
        new Uint8Array([1, 2]),
        { $dollar: 1 },
        new Value(ValueKind.TEXT, "lit"),
      ],
    };
  }
}

const roundTrip = (json: unknown) => JSON.parse(JSON.stringify(json));

describe("graph.json", () => {
  it("writes a versioned document", () => {
    const json = roundTrip(trace(new Everything(), "A", "x,y"));
    expect(json).toMatchObject({ format: GRAPH_FORMAT, version: GRAPH_FORMAT_VERSION });
    expect(json.parameters.map((p: { ref: string }) => p.ref)).toEqual([
      "param:bonus",
      "param:summarize.style",
      "param:summarize.llm.systemPrompt",
    ]);
    expect(json.nodes.find((n: { id: string }) => n.id === "LLMInference_4")).toMatchObject({
      kind: "llm",
      className: "LLMInference",
      config: expect.objectContaining({ alias: "judge", temperature: 0 }),
      outputSchema: expect.objectContaining({ type: "object" }),
    });
    expect(JSON.stringify(json)).not.toContain("x,y");
  });

  it("loads again: the same document, hash and order, without modules", () => {
    const graph = trace(new Everything(), "A", "x,y");
    const json = roundTrip(graph);
    const loaded = graphFromJSON(json);
    expect(roundTrip(loaded)).toEqual(json);
    expect(loaded.hash).toBe(graph.hash);
    expect(loaded.order).toEqual(graph.order);
    expect((loaded.node("LLMInference_4") as LLMNode).module).toBeNull();
    const template = (loaded.node("map_2") as MapNode).template;
    expect(template.instantiate(1).nodes.map((n) => n.id)).toEqual(
      (graph.node("map_2") as MapNode).template.instantiate(1).nodes.map((n) => n.id),
    );
    const odd = (loaded.output as { odd: unknown[] }).odd;
    expect(odd.slice(0, 5)).toEqual([
      undefined,
      Number.NaN,
      new Date(0),
      new Uint8Array([1, 2]),
      { $dollar: 1 },
    ]);
    expect((odd[5] as Value).payload).toBe("lit");
    expect(graphFromJSON(JSON.stringify(json)).hash).toBe(graph.hash);
  });

  it("re-attaches modules by path, and the loaded graph runs like the traced one", async () => {
    const module = new Everything();
    const graph = trace(module, "A", "x,y");
    const loaded = graphFromJSON(roundTrip(graph), { module });
    expect((loaded.node("LLMInference_4") as LLMNode).module).toBe(module.judge);
    expect(loaded.hash).toBe(graph.hash);
    const judge = (node: LLMNode, p: Value) =>
      node.module?.alias === "judge"
        ? new Value(ValueKind.STRUCTURED, { score: 1 })
        : new Value(ValueKind.TEXT, `${p.payload}`);
    const inputs = new Map(graph.inputIds.map((id) => [id, (graph.node(id) as InputNode).value as Value]));
    const original = await evaluate(graph, judge);
    const again = await evaluate(loaded, judge, inputs);
    const plain = (x: unknown) =>
      JSON.parse(JSON.stringify(x, (_k, v) => (v instanceof Value ? v.toJSON() : v)));
    expect(plain((again.output as { perPart: unknown }).perPart)).toEqual(
      plain((original.output as { perPart: unknown }).perPart),
    );
    expect(plain(again.sideOutputs.get("raw"))).toEqual(plain(original.sideOutputs.get("raw")));
    expect(again.ran).toEqual(original.ran);
  });

  it("reflects module changes since saving in the hash", () => {
    const module = new Everything();
    const json = roundTrip(trace(module, "A", "x,y"));
    module.summarize.style.applyUpdate("Be long.");
    expect(graphFromJSON(json, { module }).hash).not.toBe(json.hash);
    expect(graphFromJSON(json).hash).toBe(json.hash);
  });

  it("rejects other versions, malformed documents and a module tree that does not fit", () => {
    const json = roundTrip(trace(new Everything(), "A", "x"));
    expect(() => graphFromJSON({ ...json, version: 2 })).toThrow(
      expect.objectContaining({ code: "unsupported_version" }),
    );
    const broken = roundTrip(json);
    broken.nodes[3].kind = "bogus";
    expect(() => graphFromJSON(broken)).toThrow(
      expect.objectContaining({ code: "invalid_json", path: "nodes[3].kind" }),
    );
    expect(() => graphFromJSON("{")).toThrow(expect.objectContaining({ code: "invalid_json" }));
    class Other extends Module {
      summarize = new Upper();
      forward() {
        return null;
      }
    }
    expect(() => graphFromJSON(json, { module: new Other() })).toThrow(
      expect.objectContaining({ code: "module_mismatch" }),
    );
  });

  it("keeps parameters lifted outside the module tree (by prompt) with their value", () => {
    const loose = new Parameter("loose words", { requiresGrad: false });
    class Loose extends Module {
      upper = new Upper();
      forward(text: Value<string>) {
        return this.upper.call(prompt`${loose} ${text}`);
      }
    }
    const graph = trace(new Loose(), "a");
    const ref = graph.node("prompt_1").dependencies[0] as string;
    expect(graph.parameterRefs).toEqual([ref]);
    const loaded = graphFromJSON(roundTrip(graph));
    expect(loaded.parameterValue(ref).payload).toBe("loose words");
    expect(loaded.parameterValue(ref).ref).toBe(ref);
    expect(loaded.hash).toBe(graph.hash);
  });

  it("keeps class instances it cannot rebuild as OpaqueObjects that serialize back the same", () => {
    class Point {
      constructor(
        readonly x: number,
        readonly y: number,
      ) {}
    }
    class Holder extends Module {
      upper = new Upper();
      forward(text: Value<string>) {
        return { text: this.upper.call(text), point: new Point(1, 2) };
      }
    }
    const graph = trace(new Holder(), "a");
    const loaded = graphFromJSON(roundTrip(graph));
    const point = (loaded.output as { point: OpaqueObject }).point;
    expect(point).toBeInstanceOf(OpaqueObject);
    expect(point).toMatchObject({ className: "Point", fields: { x: 1, y: 2 } });
    expect(loaded.hash).toBe(graph.hash);
    expect(roundTrip(loaded)).toEqual(roundTrip(graph));
  });
});
