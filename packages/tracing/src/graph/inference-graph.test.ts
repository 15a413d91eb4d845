import { describe, expect, it } from "vitest";
import { GraphError } from "../errors/graph-error.js";
import { handGraph } from "../test-support/hand-graph.js";

describe("InferenceGraph structure (plait-spec 6.7)", () => {
  const diamond = { a: [], b: ["a"], c: ["a"], d: ["b", "c"], dead: ["a"] };

  it("orders live nodes dependencies first, from the outputs; nodes that reach no output are left out", () => {
    const graph = handGraph(diamond, ["d"]);
    expect(graph.order).toEqual(["a", "b", "c", "d"]);
    expect(graph.topologicalOrder()).toBe(graph.order);
    expect(graph.allOrder).toEqual(["a", "b", "c", "d", "dead"]);
    expect(graph.isLive("dead")).toBe(false);
    expect(handGraph({}, []).order).toEqual([]);
  });

  it("sorts nodes given in any order (depth-first from the outputs), dependencies first", () => {
    const graph = handGraph({ d: ["b", "c"], dead: ["a"], c: ["a"], b: ["a"], a: [] }, ["d"]);
    expect(graph.order).toEqual(["a", "b", "c", "d"]);
    expect(graph.allOrder).toEqual(["a", "b", "c", "d", "dead"]);
  });

  it("gives ancestors and descendants (transitive, without the node itself) and direct neighbours", () => {
    const graph = handGraph(diamond, ["d"]);
    expect(graph.ancestors("d")).toEqual(new Set(["b", "c", "a"]));
    expect(graph.ancestors("a")).toEqual(new Set());
    expect(graph.descendants("a")).toEqual(new Set(["b", "c", "dead", "d"]));
    expect(graph.descendants("d")).toEqual(new Set());
    expect(graph.dependentsOf("a")).toEqual(["b", "c", "dead"]);
    expect(graph.dependenciesOf("d")).toEqual(["b", "c"]);
    expect(graph.ancestors("d")).toBe(graph.ancestors("d"));
    expect(graph.pathLength("a")).toBe(3);
    expect(graph.pathLength("d")).toBe(1);
    expect(graph.pathLength("dead")).toBe(0);
  });

  it("throws GraphError unknown_node for an unknown id", () => {
    const graph = handGraph(diamond, ["d"]);
    for (const call of [() => graph.ancestors("x"), () => graph.descendants("x"), () => graph.node("x")]) {
      expect(call).toThrow(expect.objectContaining({ code: "unknown_node", nodeId: "x" }));
    }
  });

  it("names the cycle in the error, in data-flow order", () => {
    let error: unknown;
    try {
      handGraph({ a: ["c"], b: ["a"], c: ["b"], out: ["c"] }, ["out"]);
    } catch (caught) {
      error = caught;
    }
    expect(GraphError.is(error)).toBe(true);
    expect((error as GraphError).code).toBe("cycle");
    expect((error as GraphError).message).toBe("Cycle detected in graph: c -> a -> b -> c");
    expect((error as GraphError).cycle).toEqual(["c", "a", "b", "c"]);
    expect(() => handGraph({ self: ["self"] }, [])).toThrow("Cycle detected in graph: self -> self");
  });

  it("rejects a dependency that is not a node or a param ref, and an unknown output", () => {
    expect(() => handGraph({ a: ["ghost"] }, ["a"])).toThrow(
      expect.objectContaining({ code: "unknown_dependency" }),
    );
    expect(() => handGraph({ a: ["param:x"] }, ["a"])).not.toThrow();
    expect(() => handGraph({ a: [] }, ["nope"])).toThrow(
      expect.objectContaining({ code: "unknown_dependency" }),
    );
  });

  it("handles long chains without recursion limits", () => {
    const edges: Record<string, string[]> = { n0: [] };
    for (let i = 1; i < 20_000; i++) edges[`n${i}`] = [`n${i - 1}`];
    const graph = handGraph(edges, ["n19999"]);
    expect(graph.order).toHaveLength(20_000);
    expect(graph.order[0]).toBe("n0");
    expect(graph.ancestors("n19999").size).toBe(19_999);
    expect(graph.descendants("n0").size).toBe(19_999);
  });
});
