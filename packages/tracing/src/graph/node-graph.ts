import { GraphError } from "../errors/graph-error.js";
import { GraphIndex } from "./graph-index.js";
import type { GraphNode } from "./node-types.js";
import { structureRefs } from "./structure.js";

/** What a graph or a template is made of. */
export interface GraphParts {
  /** Every recorded node by id, in recording order. */
  readonly nodes: ReadonlyMap<string, GraphNode>;
  /** Ids of the input nodes, in binding order. */
  readonly inputIds: readonly string[];
  /** What `forward()` returned, with ValueRefs where traced Values were (arrays, objects and literals kept). */
  readonly output: unknown;
  /** Named side outputs (`sideOutput(name, value)`): structures that must run though not returned. */
  readonly sideOutputs?: ReadonlyMap<string, unknown>;
}

/**
 * The shared part of {@link InferenceGraph} and {@link GraphTemplate}: nodes, inputs, the output structure,
 * side outputs and the precomputed adjacency. Nodes are live when they reach an output or a side output;
 * only live nodes are in {@link order} and only they run.
 */
export abstract class NodeGraph {
  readonly nodes: ReadonlyMap<string, GraphNode>;
  readonly inputIds: readonly string[];
  /** The output structure: the shape `forward()` returned, ValueRefs where traced Values were. */
  readonly output: unknown;
  /** Refs in {@link output}, first-seen order (nodes, or `param:` refs when a parameter is returned). */
  readonly outputIds: readonly string[];
  readonly sideOutputs: ReadonlyMap<string, unknown>;
  /** Refs in the side outputs, first-seen order. */
  readonly sideOutputIds: readonly string[];
  readonly #index: GraphIndex;

  protected constructor(parts: GraphParts, isExternal: (ref: string) => boolean) {
    this.nodes = parts.nodes;
    this.inputIds = parts.inputIds;
    this.output = parts.output;
    this.outputIds = structureRefs(parts.output);
    this.sideOutputs = parts.sideOutputs ?? new Map();
    const sideRefs = structureRefs([...this.sideOutputs.values()]);
    this.sideOutputIds = sideRefs;
    for (const id of this.inputIds) {
      if (this.nodes.get(id)?.kind !== "input") {
        throw new GraphError("unknown_node", `Input "${id}" is not an input node`, { nodeId: id });
      }
    }
    for (const ref of [...this.outputIds, ...sideRefs]) {
      if (!this.nodes.has(ref) && !isExternal(ref)) {
        throw new GraphError("unknown_dependency", `The output refers to "${ref}", which is not a node`, {
          nodeId: ref,
        });
      }
    }
    this.#index = new GraphIndex(this.nodes, [...this.outputIds, ...sideRefs], isExternal);
  }

  /** Live node ids (they reach an output or a side output), dependencies before dependents. */
  get order(): readonly string[] {
    return this.#index.order;
  }

  /** Every node id, live or not, dependencies before dependents. */
  get allOrder(): readonly string[] {
    return this.#index.allOrder;
  }

  /** Live node ids in topological order (plait `topological_order()`); the same array as {@link order}. */
  topologicalOrder(): readonly string[] {
    return this.#index.order;
  }

  /** The node `id`; GraphError(`unknown_node`) when there is none. */
  node(id: string): GraphNode {
    const node = this.nodes.get(id);
    if (!node) throw new GraphError("unknown_node", `No node "${id}" in the graph`, { nodeId: id });
    return node;
  }

  /** Whether node `id` reaches an output or a side output (only live nodes run). */
  isLive(id: string): boolean {
    return this.#index.live.has(id);
  }

  /** Node ids `id` depends on directly (param refs and captures left out). */
  dependenciesOf(id: string): readonly string[] {
    this.node(id);
    return this.#index.dependenciesOf(id);
  }

  /** Node ids that depend on `id` directly. */
  dependentsOf(id: string): readonly string[] {
    this.node(id);
    return this.#index.dependentsOf(id);
  }

  /** Every node `id` depends on, transitively, without `id`. Cached; GraphError for an unknown id. */
  ancestors(id: string): ReadonlySet<string> {
    return this.#index.ancestors(id);
  }

  /** Every node that depends on `id`, transitively, without `id`. Cached; GraphError for an unknown id. */
  descendants(id: string): ReadonlySet<string> {
    return this.#index.descendants(id);
  }

  /**
   * Nodes on the longest chain from `id` to an output, `id` included (0 for a node that is not live): a
   * critical-path measure a scheduler can favour.
   */
  pathLength(id: string): number {
    return this.#index.height(id);
  }
}
