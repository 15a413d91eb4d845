import { GraphError } from "../errors/graph-error.js";
import type { GraphNode } from "./node-types.js";

const EMPTY: readonly string[] = Object.freeze([]);

/**
 * The adjacency of a set of nodes, computed once: node-to-node dependencies and their reverse, a
 * topological order (dependencies first) and the live set (nodes that reach a root: an output or a side
 * output). Ancestors, descendants and path lengths are computed on first request from the adjacency, in
 * time proportional to the answer, and cached. @internal
 */
export class GraphIndex {
  /**
   * Every node, dependencies before dependents: the insertion order when it is topological (a traced graph
   * records dependencies first), otherwise a depth-first order from the roots, then the rest.
   */
  readonly allOrder: readonly string[];
  /** The live nodes in {@link allOrder}'s order. */
  readonly order: readonly string[];
  readonly live: ReadonlySet<string>;
  readonly #deps = new Map<string, readonly string[]>();
  readonly #dependents = new Map<string, string[]>();
  readonly #ancestors = new Map<string, ReadonlySet<string>>();
  readonly #descendants = new Map<string, ReadonlySet<string>>();
  #heights: Map<string, number> | undefined;

  constructor(
    nodes: ReadonlyMap<string, GraphNode>,
    roots: readonly string[],
    isExternal: (ref: string) => boolean,
  ) {
    // A traced graph is recorded dependencies first, so its insertion order is usually topological already:
    // check that on the way (one pass) and only sort, with cycle detection, when it is not.
    const seen = new Set<string>();
    let ordered = true;
    for (const node of nodes.values()) {
      const deps = node.dependencies;
      let external = 0;
      for (const dep of deps) {
        const earlier = seen.has(dep);
        if (earlier || nodes.has(dep)) {
          if (!earlier) ordered = false;
          const list = this.#dependents.get(dep);
          if (list === undefined) this.#dependents.set(dep, [node.id]);
          else list.push(node.id);
        } else if (isExternal(dep)) {
          external += 1;
        } else {
          throw new GraphError(
            "unknown_dependency",
            `Node "${node.id}" depends on "${dep}", which is not a node`,
            {
              nodeId: node.id,
            },
          );
        }
      }
      seen.add(node.id);
      // Most nodes depend on nodes only: share their array instead of copying it.
      this.#deps.set(node.id, external === 0 ? deps : deps.filter((dep) => nodes.has(dep)));
    }
    const nodeRoots = roots.filter((root) => nodes.has(root));
    this.allOrder = ordered ? [...nodes.keys()] : this.#sort([...nodeRoots, ...nodes.keys()]);
    this.live = this.#reach(nodeRoots, this.#deps);
    this.order =
      this.live.size === this.allOrder.length
        ? this.allOrder
        : this.allOrder.filter((id) => this.live.has(id));
  }

  /** Node ids `id` depends on directly (refs that are not nodes left out). */
  dependenciesOf(id: string): readonly string[] {
    return this.#deps.get(id) ?? EMPTY;
  }

  /** Node ids that depend on `id` directly. */
  dependentsOf(id: string): readonly string[] {
    return this.#dependents.get(id) ?? EMPTY;
  }

  ancestors(id: string): ReadonlySet<string> {
    return this.#closure(id, this.#ancestors, this.#deps);
  }

  descendants(id: string): ReadonlySet<string> {
    return this.#closure(id, this.#descendants, this.#dependents);
  }

  /** Nodes on the longest dependency chain from `id` to a root, `id` included; 0 for a dead node. */
  height(id: string): number {
    this.#check(id);
    if (this.#heights === undefined) {
      const heights = new Map<string, number>();
      for (let i = this.order.length - 1; i >= 0; i--) {
        const node = this.order[i] as string;
        let best = 0;
        for (const dependent of this.dependentsOf(node)) best = Math.max(best, heights.get(dependent) ?? 0);
        heights.set(node, best + 1);
      }
      this.#heights = heights;
    }
    return this.#heights.get(id) ?? 0;
  }

  #check(id: string): void {
    if (!this.#deps.has(id))
      throw new GraphError("unknown_node", `No node "${id}" in the graph`, { nodeId: id });
  }

  #closure(
    id: string,
    cache: Map<string, ReadonlySet<string>>,
    edges: ReadonlyMap<string, readonly string[]>,
  ): ReadonlySet<string> {
    this.#check(id);
    let found = cache.get(id);
    if (found === undefined) {
      const reached = this.#reach(edges.get(id) ?? EMPTY, edges);
      reached.delete(id);
      found = reached;
      cache.set(id, found);
    }
    return found;
  }

  #reach(start: readonly string[], edges: ReadonlyMap<string, readonly string[]>): Set<string> {
    const seen = new Set<string>(start);
    const queue = [...seen];
    for (let i = 0; i < queue.length; i++) {
      for (const next of edges.get(queue[i] as string) ?? EMPTY) {
        if (!seen.has(next)) {
          seen.add(next);
          queue.push(next);
        }
      }
    }
    return seen;
  }

  /** Iterative depth-first post-order (no recursion limit on long chains); a back edge is a cycle. */
  #sort(starts: readonly string[]): string[] {
    const order: string[] = [];
    const state = new Map<string, 1 | 2>();
    const stack: string[] = [];
    const cursor: number[] = [];
    for (const start of starts) {
      if (state.has(start)) continue;
      stack.push(start);
      cursor.push(0);
      state.set(start, 1);
      while (stack.length > 0) {
        const top = stack.length - 1;
        const id = stack[top] as string;
        const deps = this.#deps.get(id) ?? EMPTY;
        const next = cursor[top] as number;
        if (next < deps.length) {
          cursor[top] = next + 1;
          const dep = deps[next] as string;
          const seen = state.get(dep);
          if (seen === 1) {
            // stack[i] depends on stack[i + 1]; report the cycle in data-flow order (producer -> consumer).
            const path = stack.slice(stack.indexOf(dep));
            throw cycleError([dep, ...path.slice(1).reverse(), dep]);
          }
          if (seen === undefined) {
            state.set(dep, 1);
            stack.push(dep);
            cursor.push(0);
          }
        } else {
          stack.pop();
          cursor.pop();
          state.set(id, 2);
          order.push(id);
        }
      }
    }
    return order;
  }
}

function cycleError(cycle: readonly string[]): GraphError {
  return new GraphError("cycle", `Cycle detected in graph: ${cycle.join(" -> ")}`, { cycle });
}
