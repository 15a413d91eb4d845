import type { ForwardRecord } from "@weft/execution";
import { type GraphNode, type InferenceGraph, structureRefs } from "@weft/tracing";
import { type CritiqueTarget, critiqueTargets } from "./critique-targets.js";
import { isDetachNode } from "./detach.js";
import type { Propagation } from "./propagation.js";

/** One forward node the backward pass visits. */
export interface PlannedNode {
  readonly node: GraphNode;
  /** The backward step that gathers (and, unless critiqued, routes) this node's feedback. */
  readonly stepId: string;
  /** Backward nodes whose results hold feedback for this node, in the order it is combined. */
  readonly producers: readonly string[];
  /** Whether the record's graph returns this node (it receives the seed feedback). */
  readonly isOutput: boolean;
  /** Textual gradients: the variables critiqued at this LLM call (empty: the node routes instead). */
  readonly targets: readonly CritiqueTarget[];
}

/** The backward plan of one record: the visited nodes, consumers before producers (reverse topological). */
export interface RecordPlan {
  readonly index: number;
  readonly record: ForwardRecord;
  readonly graph: InferenceGraph;
  readonly nodes: readonly PlannedNode[];
}

/** The id of the backward step of forward node `id` in record `index`. */
export function stepIdOf(index: number, id: string): string {
  return `r${index}:${id}`;
}

/** The id of the critique of `target` at forward node `id` in record `index`. */
export function critiqueIdOf(index: number, id: string, target: CritiqueTarget): string {
  return `r${index}:${id}#${target.key}`;
}

function routedRefs(node: GraphNode): string[] {
  if (isDetachNode(node)) return [];
  const refs =
    node.kind === "join" ? structureRefs(Object.values(node.branchOutputs)) : structureRefs(node.args);
  return refs.filter((ref) => !ref.startsWith("param:"));
}

/**
 * Plans the backward pass of one record: starting from the graph's outputs, walks the nodes that ran in
 * reverse topological order, keeping those some feedback can reach. Textual-gradient propagation critiques
 * every LLM call that has variables (see `critiqueTargets`); its critiques feed the upstream nodes they name.
 * Every other node routes to the nodes its arguments came from, except a `detach` node. Graph inputs are
 * never visited.
 */
export function planRecord(index: number, record: ForwardRecord, propagation: Propagation): RecordPlan {
  const graph = record.graph;
  const ran = (id: string) => record.nodeOutputs.has(id) && graph.nodes.get(id)?.kind !== "input";
  const outputs = new Set(graph.outputIds.filter((id) => !id.startsWith("param:") && ran(id)));
  const producers = new Map<string, string[]>();
  const addProducer = (forwardId: string, producer: string) => {
    const list = producers.get(forwardId);
    if (!list) producers.set(forwardId, [producer]);
    else if (!list.includes(producer)) list.push(producer);
  };
  const nodes: PlannedNode[] = [];
  const order = graph.order.filter(ran);
  for (let position = order.length - 1; position >= 0; position--) {
    const id = order[position] as string;
    const own = producers.get(id) ?? [];
    if (!outputs.has(id) && own.length === 0) continue;
    const node = graph.node(id);
    const targets =
      propagation.kind === "textual" && node.kind === "llm" ? critiqueTargets(node, record, graph) : [];
    if (targets.length > 0) {
      for (const target of targets) {
        if (target.kind === "node") addProducer(target.nodeId, critiqueIdOf(index, id, target));
      }
    } else {
      for (const ref of routedRefs(node)) if (ran(ref)) addProducer(ref, stepIdOf(index, id));
    }
    nodes.push({ node, stepId: stepIdOf(index, id), producers: own, isOutput: outputs.has(id), targets });
  }
  return { index, record, graph, nodes };
}
