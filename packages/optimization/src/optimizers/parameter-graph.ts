import type { Parameter } from "@weft/core";
import type { ForwardRecord } from "@weft/execution";

/** The update order of an optimizer's parameters (plait-spec 9.8, steps 3 to 5). */
export interface ParameterOrder {
  /** Levels in processing order; parameters of a level do not depend on each other. */
  readonly levels: readonly (readonly Parameter[])[];
  /** Every parameter upstream of a parameter (transitively), among the optimizer's own. */
  readonly upstream: ReadonlyMap<Parameter, ReadonlySet<Parameter>>;
  /** The earliest topological position of a node using each parameter (0 when none ran). */
  readonly position: ReadonlyMap<Parameter, number>;
}

/** The parameters a recorded node used: its module's own, and `param:` refs it depended on. */
function parametersAt(record: ForwardRecord, id: string): Parameter[] {
  const used = [...(record.nodeParameters.get(id) ?? [])];
  const node = record.graph.nodes.get(id);
  for (const ref of node?.dependencies ?? []) {
    const parameter = ref.startsWith("param:") ? record.graph.parameters.get(ref) : undefined;
    if (parameter && !used.includes(parameter)) used.push(parameter);
  }
  return used;
}

/**
 * Orders `parameters` by the graphs of `records` (plait-spec 9.8): a parameter's position is the earliest
 * topological index of a node that used it; each parameter used by a node depends on every parameter used by
 * that node's ancestors. Levels come from Kahn's algorithm, each sorted by (position, order in `parameters`);
 * on a cycle, the rest is emitted one parameter per level in that order.
 */
export function parameterOrder(
  parameters: readonly Parameter[],
  records: readonly ForwardRecord[],
): ParameterOrder {
  const own = new Set(parameters);
  const declared = new Map(parameters.map((parameter, index) => [parameter, index]));
  const position = new Map<Parameter, number>();
  const edges = new Map<Parameter, Set<Parameter>>(parameters.map((p) => [p, new Set()]));
  for (const record of records) {
    const graph = record.graph;
    const ran = graph.order.filter((id) => record.nodeOutputs.has(id));
    const at = new Map(ran.map((id) => [id, parametersAt(record, id)]));
    ran.forEach((id, index) => {
      const used = (at.get(id) ?? []).filter((p) => own.has(p));
      for (const parameter of used)
        position.set(parameter, Math.min(position.get(parameter) ?? index, index));
      if (used.length === 0) return;
      for (const ancestor of graph.ancestors(id)) {
        for (const before of at.get(ancestor) ?? []) {
          if (!own.has(before)) continue;
          for (const parameter of used) if (before !== parameter) edges.get(before)?.add(parameter);
        }
      }
    });
  }
  const sortKey = (p: Parameter) => [position.get(p) ?? 0, declared.get(p) ?? 0] as const;
  const byKey = (a: Parameter, b: Parameter) => {
    const [pa, da] = sortKey(a);
    const [pb, db] = sortKey(b);
    return pa - pb || da - db;
  };
  const indegree = new Map(parameters.map((p) => [p, 0]));
  for (const targets of edges.values())
    for (const target of targets) indegree.set(target, (indegree.get(target) ?? 0) + 1);
  const remaining = new Set(parameters);
  const levels: Parameter[][] = [];
  while (remaining.size > 0) {
    let level = [...remaining].filter((p) => indegree.get(p) === 0).sort(byKey);
    if (level.length === 0) level = [[...remaining].sort(byKey)[0] as Parameter];
    for (const parameter of level) {
      remaining.delete(parameter);
      for (const target of edges.get(parameter) ?? []) indegree.set(target, (indegree.get(target) ?? 0) - 1);
    }
    levels.push(level);
  }
  const upstream = new Map<Parameter, Set<Parameter>>(parameters.map((p) => [p, new Set()]));
  for (const parameter of parameters) {
    const reached = new Set<Parameter>();
    const stack = [...(edges.get(parameter) ?? [])];
    while (stack.length > 0) {
      const current = stack.pop() as Parameter;
      if (reached.has(current)) continue;
      reached.add(current);
      stack.push(...(edges.get(current) ?? []));
    }
    for (const target of reached) if (target !== parameter) upstream.get(target)?.add(parameter);
  }
  return { levels, upstream, position };
}
