import { criticalPathRanks, type RankedNode } from "./critical-path.js";
import type { PriorityMode } from "./scheduler.js";

/** A node as ranking sees it: its edges, its kind and an optional cost estimate. */
export interface CostedNode extends RankedNode {
  readonly kind: string;
  readonly cost?: number;
}

/** Critical-path cost estimate by node kind: 1 per LLM call, 0.5 per leaf, 0.001 for data operations. */
export function defaultCost(node: { readonly kind: string; readonly cost?: number }): number {
  if (node.cost !== undefined) return node.cost;
  if (node.kind === "llm") return 1;
  if (node.kind === "leaf") return 0.5;
  return 0.001;
}

/**
 * The critical-path ranks of one graph's nodes, expansions included: an expanded node ranks above its fan-out
 * node's own rank (its path goes through the gather). In FIFO mode every rank is 0.
 */
export class RankBook<N extends CostedNode> {
  private readonly ranks = new Map<string, number>();
  private readonly groups = new Map<string, number[]>();

  constructor(
    private readonly mode: PriorityMode | undefined,
    private readonly costOf: (node: N) => number = defaultCost,
  ) {}

  rankOf(id: string): number {
    return this.ranks.get(id) ?? 0;
  }

  /**
   * Ranks `nodes` above `base`. With `owner` and `groupSize` > 0 (copies of one template, in order) the first
   * copy is ranked once and its ranks are reused by position, also for the owner's later chunks.
   */
  add(nodes: readonly N[], base = 0, owner?: string, groupSize = 0): void {
    if (this.mode === "fifo" || nodes.length === 0) return;
    if (owner === undefined || !Number.isInteger(groupSize) || groupSize <= 0) {
      for (const [id, rank] of criticalPathRanks(nodes, this.costOf)) this.ranks.set(id, rank + base);
      return;
    }
    let byPosition = this.groups.get(owner);
    if (!byPosition) {
      const group = nodes.slice(0, groupSize);
      const ranked = criticalPathRanks(group, this.costOf);
      byPosition = group.map((node) => (ranked.get(node.id) ?? 0) + base);
      this.groups.set(owner, byPosition);
    }
    for (let index = 0; index < nodes.length; index++) {
      this.ranks.set((nodes[index] as N).id, byPosition[index % groupSize] as number);
    }
  }
}
