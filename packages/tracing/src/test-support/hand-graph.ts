// Builds graphs by hand (as a loader or another tool could), for graph-level tests.
import { Value, ValueKind, ValueRef } from "@weft/core";
import { InferenceGraph } from "../graph/inference-graph.js";
import type { GraphNode, OpNode } from "../graph/node-types.js";

/** An op node `id` concatenating its dependencies' text. */
export function opNode(id: string, dependencies: readonly string[]): OpNode {
  return {
    id,
    kind: "op",
    label: "F.concat",
    modulePath: "",
    args: dependencies.map((dep) => new ValueRef(dep)),
    dependencies,
    priority: 0,
    guard: null,
    resultKind: ValueKind.TEXT,
    op: "F.concat",
    execute: (...parts) =>
      new Value(ValueKind.TEXT, parts.map((part) => String((part as Value).payload)).join("")),
  };
}

/** A graph of op nodes given as `{ id: dependencies }`, with `outputs` as the output structure. */
export function handGraph(
  edges: Readonly<Record<string, readonly string[]>>,
  outputs: readonly string[],
): InferenceGraph {
  const nodes = new Map<string, GraphNode>();
  for (const [id, deps] of Object.entries(edges)) nodes.set(id, opNode(id, deps));
  return new InferenceGraph({ nodes, inputIds: [], output: outputs.map((id) => new ValueRef(id)) });
}
