/** A node as critical-path ranking sees it. */
export interface RankedNode {
  readonly id: string;
  readonly dependencies: readonly string[];
}

/**
 * Upward ranks: for each node, its own estimated cost plus the longest estimated path from it to a sink (a
 * node nothing depends on), so a node on the critical path ranks highest. Dependencies naming no node are
 * ignored. Nodes on a cycle (which tracing never produces) keep their own cost. Iterative (no recursion), so
 * it ranks chains of any depth, in O(nodes + edges).
 *
 * @param cost estimated cost of a node, e.g. 1 per LLM call and near 0 for data operations.
 */
export function criticalPathRanks<N extends RankedNode>(
  nodes: readonly N[],
  cost: (node: N) => number,
): Map<string, number> {
  const count = nodes.length;
  const index = new Map<string, number>();
  for (let i = 0; i < count; i++) index.set((nodes[i] as N).id, i);
  // Edges dependency -> dependent, as index lists; `outstanding[i]` = dependents of i not ranked yet.
  const none: number[] = [];
  const dependencyLists: number[][] = new Array(count);
  const outstanding = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const deps = (nodes[i] as N).dependencies;
    let list = none;
    for (const dep of deps) {
      const j = index.get(dep);
      if (j === undefined || list.includes(j)) continue;
      if (list === none) list = [];
      list.push(j);
      outstanding[j] = (outstanding[j] as number) + 1;
    }
    dependencyLists[i] = list;
  }
  const longestBelow = new Float64Array(count);
  const rank = new Float64Array(count).fill(Number.NaN);
  const work: number[] = [];
  for (let i = 0; i < count; i++) if (outstanding[i] === 0) work.push(i);
  for (let i = work.pop(); i !== undefined; i = work.pop()) {
    const own = cost(nodes[i] as N) + (longestBelow[i] as number);
    rank[i] = own;
    for (const j of dependencyLists[i] as number[]) {
      if (own > (longestBelow[j] as number)) longestBelow[j] = own;
      outstanding[j] = (outstanding[j] as number) - 1;
      if (outstanding[j] === 0) work.push(j);
    }
  }
  const ranks = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const node = nodes[i] as N;
    const value = rank[i] as number;
    ranks.set(node.id, Number.isNaN(value) ? cost(node) : value);
  }
  return ranks;
}
