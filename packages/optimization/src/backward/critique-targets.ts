import type { Parameter } from "@weft/core";
import type { ForwardRecord } from "@weft/execution";
import { type GraphNode, type InferenceGraph, structureRefs } from "@weft/tracing";
import { isDetachNode } from "./detach.js";
import { moduleOfNode } from "./routing.js";

/** What a critique of an LLM call gives feedback to. */
export type CritiqueTarget =
  | {
      readonly kind: "parameter";
      /** Stable within the call: `param:<ref or name>`. */
      readonly key: string;
      readonly parameter: Parameter;
      /** `own`: a parameter of the call's module (its system prompt); `prompt`: one interpolated in its prompt. */
      readonly via: "own" | "prompt";
    }
  | {
      readonly kind: "node";
      /** `node:<id>`. */
      readonly key: string;
      /** The upstream node (an LLM call, a leaf, a map) whose output reached the call's prompt. */
      readonly nodeId: string;
    };

const PURE = new Set(["op", "access", "render", "route", "join"]);

function inputRefsOf(node: GraphNode): string[] {
  if (node.kind === "join") return structureRefs(Object.values(node.branchOutputs));
  return [...structureRefs(node.args), ...node.dependencies.filter((ref) => ref.startsWith("param:"))];
}

/**
 * The variables a critique of LLM node `node` writes feedback for: the learnable parameters of its module,
 * then, walking back from its prompt through data steps (render, op, access, route, join), the learnable
 * parameters interpolated on the way and the nearest upstream module nodes (LLM calls, leaves, maps) that
 * ran. Graph inputs are data, not variables, and are left out; a `detach` node ends the walk. Stable order: own parameters first, then the
 * prompt's in first-seen order.
 */
export function critiqueTargets(
  node: GraphNode,
  record: ForwardRecord,
  graph: InferenceGraph,
): CritiqueTarget[] {
  const targets: CritiqueTarget[] = [];
  const seenParameters = new Set<Parameter>();
  const module = moduleOfNode(node, record);
  for (const [name, parameter] of module?.namedParameters() ?? []) {
    if (!parameter.requiresGrad || seenParameters.has(parameter)) continue;
    seenParameters.add(parameter);
    targets.push({ kind: "parameter", key: `param:${name}`, parameter, via: "own" });
  }
  const visited = new Set<string>();
  const stack = inputRefsOf(node).reverse();
  while (stack.length > 0) {
    const ref = stack.pop() as string;
    if (visited.has(ref)) continue;
    visited.add(ref);
    if (ref.startsWith("param:")) {
      const parameter = graph.parameters.get(ref);
      if (parameter?.requiresGrad && !seenParameters.has(parameter)) {
        seenParameters.add(parameter);
        targets.push({
          kind: "parameter",
          key: `param:${ref.slice("param:".length)}`,
          parameter,
          via: "prompt",
        });
      }
      continue;
    }
    const upstream = graph.nodes.get(ref);
    if (!upstream || !record.nodeOutputs.has(ref) || upstream.kind === "input" || isDetachNode(upstream))
      continue;
    if (PURE.has(upstream.kind)) stack.push(...inputRefsOf(upstream).reverse());
    else targets.push({ kind: "node", key: `node:${ref}`, nodeId: ref });
  }
  return targets;
}
