import { describe, expect, it } from "vitest";
import type { ExpansionTemplateInput, GraphNodeInput } from "../input/runtime-events.js";
import { graphNode } from "../test-support/event-builders.js";
import { expandedGraph, isExpansionTemplate, observedElementsByRun } from "./expanded-graph.js";

const outer: ExpansionTemplateInput = {
  prefix: "map_1[*].",
  nodes: [
    graphNode("map_1[*].element", "input", []),
    graphNode("map_1[*].render", "render", ["map_1[*].element", "tone"]),
    graphNode("map_1[*].inner", "map", ["map_1[*].render"]),
  ],
  outputs: ["map_1[*].inner"],
};

const byId = (nodes: readonly GraphNodeInput[] | undefined) =>
  Object.fromEntries((nodes ?? []).map((node) => [node.id, node.dependencies]));

describe("expandedGraph", () => {
  it("adds each element with its edges, captures kept, inputs fed by the fan-out's own dependencies", () => {
    const graph = { nodes: [graphNode("tone", "input", []), graphNode("map_1", "map", ["tone"])] };
    const expanded = expandedGraph(
      graph,
      new Map([["map_1", { template: outer, count: 2 }]]),
      new Map([["map_1", new Set([0, 1])]]),
    );
    expect(byId(expanded?.nodes)).toEqual({
      tone: [],
      map_1: ["tone", "map_1[0].inner", "map_1[1].inner"],
      "map_1[0].element": ["tone"],
      "map_1[0].render": ["map_1[0].element", "tone"],
      "map_1[0].inner": ["map_1[0].render"],
      "map_1[1].element": ["tone"],
      "map_1[1].render": ["map_1[1].element", "tone"],
      "map_1[1].inner": ["map_1[1].render"],
    });
    expect(graph.nodes).toHaveLength(2);
  });

  it("applies a nested fan-out once the enclosing one has added its node", () => {
    const inner: ExpansionTemplateInput = {
      prefix: "map_1[1].inner[*].",
      nodes: [graphNode("map_1[1].inner[*].ask", "llm", [], "fast")],
      outputs: ["map_1[1].inner[*].ask"],
    };
    const graph = { nodes: [graphNode("tone", "input", []), graphNode("map_1", "map", ["tone"])] };
    // The nested expansion is listed first: it waits for the outer one.
    const expansions = new Map([
      ["map_1[1].inner", { template: inner, count: 2 }],
      ["map_1", { template: outer, count: 2 }],
    ]);
    const observed = new Map([
      ["map_1", new Set([0, 1])],
      ["map_1[1].inner", new Set([1, 0])],
    ]);
    const nodes = byId(expandedGraph(graph, expansions, observed)?.nodes);
    expect(nodes["map_1[1].inner"]).toEqual([
      "map_1[1].render",
      "map_1[1].inner[0].ask",
      "map_1[1].inner[1].ask",
    ]);
    expect(nodes["map_1[1].inner[1].ask"]).toEqual(["map_1[1].render"]);
    expect(nodes["map_1[0].inner"]).toEqual(["map_1[0].render"]);
  });

  it("leaves a graph without expansions, and an expansion of an unknown node, as they are", () => {
    const graph = { nodes: [graphNode("a", "input", [])] };
    const seen = new Map([["map_1", new Set([0])]]);
    expect(expandedGraph(graph, undefined, seen)).toBe(graph);
    expect(expandedGraph(graph, new Map([["missing", { template: outer, count: 1 }]]), seen)?.nodes).toEqual(
      graph.nodes,
    );
    expect(
      expandedGraph(undefined, new Map([["map_1", { template: outer, count: 1 }]]), seen),
    ).toBeUndefined();
  });

  it("adds only the elements that sent events, whatever count or index the input claims", () => {
    const graph = { nodes: [graphNode("tone", "input", []), graphNode("map_1", "map", ["tone"])] };
    const huge = new Map([["map_1", { template: outer, count: 1e12 }]]);
    // Elements 0 and 1999999 ran: two elements are added, not two million.
    const ids = byId(expandedGraph(graph, huge, new Map([["map_1", new Set([1_999_999, 0])]]))?.nodes);
    expect(Object.keys(ids)).toHaveLength(2 + 2 * 3);
    expect(ids.map_1).toEqual(["tone", "map_1[0].inner", "map_1[1999999].inner"]);
    expect(expandedGraph(graph, huge, new Map())?.nodes).toHaveLength(2);
    // Indices at or past the count the event gave are left out.
    const one = new Map([["map_1", { template: outer, count: 1 }]]);
    expect(expandedGraph(graph, one, new Map([["map_1", new Set([0, 4])]]))?.nodes).toHaveLength(2 + 3);
  });
});

describe("observedElementsByRun", () => {
  it("collects each fan-out's element indices from node ids, nested ones for every enclosing fan-out", () => {
    const ids = [
      "tone",
      "map_1",
      "map_1[0].element",
      "map_1[4].render",
      "map_1[2].inner[6].ask",
      "a/tool[1.0]",
    ];
    expect(observedElementsByRun(ids.map((nodeId) => ({ runId: "r1", nodeId }))).get("r1")).toEqual(
      new Map([
        ["map_1", new Set([0, 4, 2])],
        ["map_1[2].inner", new Set([6])],
      ]),
    );
  });
});

describe("isExpansionTemplate", () => {
  it("accepts a template and rejects each malformed part", () => {
    expect(isExpansionTemplate(outer)).toBe(true);
    expect(isExpansionTemplate(undefined)).toBe(false);
    expect(isExpansionTemplate({ ...outer, prefix: "map_1[0]." })).toBe(false);
    expect(isExpansionTemplate({ ...outer, prefix: "map_1[*][*]." })).toBe(false);
    expect(isExpansionTemplate({ ...outer, outputs: [1] })).toBe(false);
    expect(isExpansionTemplate({ ...outer, outputs: ["tone"] })).toBe(false);
    expect(isExpansionTemplate({ ...outer, nodes: [graphNode("elsewhere", "op", [])] })).toBe(false);
    expect(isExpansionTemplate({ ...outer, nodes: [{ id: "map_1[*].x", kind: "op" }] })).toBe(false);
    expect(isExpansionTemplate({ ...outer, nodes: [null] })).toBe(false);
    expect(isExpansionTemplate({ ...outer, nodes: [{ ...outer.nodes[0], modulePath: 3 }] })).toBe(false);
  });
});
