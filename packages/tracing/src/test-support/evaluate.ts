// A sequential reference executor of the node contract in design_docs/tracing.md, for this package's
// tests: it runs a graph the way the execution package must (inputs, llm through a stub, leaf via runLeaf,
// execute() for op / access / render / route, map by template instantiation, skipped route branches,
// side outputs), so tests can check that a traced graph computes what direct code computes.
import { isValue, runLeaf, toValue, Value, ValueKind } from "@weft/core";
import type { InferenceGraph } from "../graph/inference-graph.js";
import type { GraphNode, LLMNode } from "../graph/node-types.js";
import { gatherResult, resolveStructure } from "../graph/structure.js";

export type LLMStub = (node: LLMNode, prompt: Value) => Value | Promise<Value>;

export interface Evaluation {
  /** The output in the shape forward() returned, Values in place of refs. */
  readonly output: unknown;
  readonly results: ReadonlyMap<string, Value>;
  readonly skipped: ReadonlySet<string>;
  /** Ids of the nodes that ran (inputs excluded), in order. */
  readonly ran: readonly string[];
  /** Side outputs by name (per map element: `map_3[1].name`). */
  readonly sideOutputs: ReadonlyMap<string, unknown>;
}

const echo: LLMStub = (node, prompt) =>
  new Value(ValueKind.TEXT, `${node.module?.alias}:${String(prompt.payload)}`);

export async function evaluate(
  graph: InferenceGraph,
  llm: LLMStub = echo,
  inputs: ReadonlyMap<string, Value> = new Map(),
): Promise<Evaluation> {
  const results = new Map<string, Value>(inputs);
  const skipped = new Set<string>();
  const ran: string[] = [];
  const sideOutputs = new Map<string, unknown>();
  const lookup = (ref: string): Value => {
    const found = results.get(ref);
    if (found) return found;
    if (ref.startsWith("param:")) return graph.parameterValue(ref);
    throw new Error(`unresolved ref ${ref}`);
  };

  const runNode = async (node: GraphNode): Promise<Value> => {
    const args = resolveStructure(node.args, lookup) as unknown[];
    switch (node.kind) {
      case "input":
        return node.value as Value;
      case "llm":
        return llm(node, args[0] as Value);
      case "leaf":
        return toValue(await runLeaf(node.module as never, args)) as Value;
      case "op":
      case "access":
      case "render":
      case "route":
        return node.execute(...args);
      case "join": {
        const choice = lookup(node.route);
        return choice.isError() ? choice : gatherResult(node.branchOutputs[choice.payload as string], lookup);
      }
      case "map": {
        const list = args[0] as Value;
        if (list.isError()) return list;
        const items = list.payload as unknown[];
        const gathered: Value[] = [];
        for (let i = 0; i < items.length; i++) {
          const instance = node.template.instantiate(i);
          results.set(instance.elementRef, toValue(items[i]) as Value);
          results.set(instance.indexRef, new Value(ValueKind.INT, i));
          await runAll(instance.nodes, instance.sideOutputs, instance.prefix);
          gathered.push(gatherResult(instance.output, lookup));
        }
        return new Value(ValueKind.STRUCTURED, gathered);
      }
    }
  };

  const shouldSkip = (node: GraphNode): boolean => {
    if (node.guard) {
      const choice = results.get(node.guard.route);
      if (!choice || choice.isError() || choice.payload !== node.guard.branch) return true;
    }
    return node.kind !== "join" && node.dependencies.some((dep) => skipped.has(dep));
  };

  const runAll = async (nodes: readonly GraphNode[], sides: ReadonlyMap<string, unknown>, prefix: string) => {
    for (const node of nodes) {
      if (results.has(node.id)) continue;
      if (shouldSkip(node)) {
        skipped.add(node.id);
        continue;
      }
      const value = await runNode(node);
      results.set(node.id, isValue(value) ? value : (toValue(value) as Value));
      if (node.kind !== "input") ran.push(node.id);
    }
    for (const [name, structure] of sides) {
      sideOutputs.set(
        `${prefix}${name}`,
        resolveStructure(structure, (ref) => results.get(ref) as Value),
      );
    }
  };

  await runAll(
    graph.order.map((id) => graph.node(id)),
    graph.sideOutputs,
    "",
  );
  return {
    output: resolveStructure(
      graph.output,
      (ref) => results.get(ref) ?? (skipped.has(ref) ? undefined : lookup(ref)),
    ),
    results,
    skipped,
    ran,
    sideOutputs,
  };
}
