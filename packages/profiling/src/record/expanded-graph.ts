import type { ExpansionTemplateInput, GraphNodeInput, RunGraphInput } from "../input/runtime-events.js";

/** A fan-out as recorded: its element template and how many elements it had (the most over a batch's items). */
export interface RecordedExpansion {
  readonly template: ExpansionTemplateInput;
  readonly count: number;
}

const isStringList = (value: unknown): value is readonly string[] =>
  Array.isArray(value) && value.every((item) => typeof item === "string");

/** Whether `value` is a usable expansion template: a prefix with one `*`, nodes under it, string outputs. */
export function isExpansionTemplate(value: unknown): value is ExpansionTemplateInput {
  if (typeof value !== "object" || value === null) return false;
  const { prefix, nodes, outputs } = value as Partial<ExpansionTemplateInput>;
  if (typeof prefix !== "string" || prefix.split("*").length !== 2 || !isStringList(outputs)) return false;
  if (!outputs.every((id) => id.startsWith(prefix))) return false;
  return (
    Array.isArray(nodes) &&
    nodes.every(
      (node: Partial<GraphNodeInput> | null) =>
        typeof node?.id === "string" &&
        node.id.startsWith(prefix) &&
        typeof node.kind === "string" &&
        typeof node.modulePath === "string" &&
        (node.alias === undefined || typeof node.alias === "string") &&
        isStringList(node.dependencies),
    )
  );
}

/**
 * Which elements of each fan-out sent node events, by run id: every node id of the form
 * `<fan-out>[<index>].<rest>` adds `index` to its fan-out's set (a nested id to each enclosing fan-out's).
 */
export function observedElementsByRun(
  nodes: Iterable<{ readonly runId: string; readonly nodeId: string }>,
): Map<string, Map<string, Set<number>>> {
  const byRun = new Map<string, Map<string, Set<number>>>();
  for (const { runId, nodeId } of nodes) {
    let seen = byRun.get(runId);
    if (!seen) {
      seen = new Map();
      byRun.set(runId, seen);
    }
    observe(seen, nodeId);
  }
  return byRun;
}

const ELEMENT = /\[(\d+)\]\./g;

function observe(seen: Map<string, Set<number>>, id: string): void {
  for (const match of id.matchAll(ELEMENT)) {
    const owner = id.slice(0, match.index);
    let indices = seen.get(owner);
    if (!indices) {
      indices = new Set();
      seen.set(owner, indices);
    }
    indices.add(Number(match[1]));
  }
}

/**
 * The run's graph with each recorded fan-out's elements added: element `i` of fan-out node `m` is the template with
 * `*` made `i`; `m` also depends on every element's outputs (it gathers them), and a template node with no
 * dependency (the element and index inputs, a constant) depends on what `m` depends on (the elements' inputs come
 * from `m`'s list). Only elements that sent node events (`observed`, below `count`) are added, so the work is
 * bounded by the node events the run has: an element that never ran, or a `count` out of proportion, adds nothing. A nested fan-out's node is an element
 * node, so its expansion applies once the enclosing one has added it. Nodes already in the graph are kept as they
 * are.
 */
export function expandedGraph(
  graph: RunGraphInput | undefined,
  expansions: ReadonlyMap<string, RecordedExpansion> | undefined,
  observed: ReadonlyMap<string, ReadonlySet<number>>,
): RunGraphInput | undefined {
  if (graph === undefined || expansions === undefined || expansions.size === 0) return graph;
  const nodes = new Map<string, GraphNodeInput>(graph.nodes.map((node) => [node.id, node]));
  const pending = new Map(expansions);
  for (let added = true; added && pending.size > 0; ) {
    added = false;
    for (const [ownerId, expansion] of pending) {
      const owner = nodes.get(ownerId);
      if (owner === undefined) continue;
      pending.delete(ownerId);
      const indices = [...(observed.get(ownerId) ?? [])].filter((index) => index < expansion.count);
      if (indices.length > 0)
        addElements(
          nodes,
          owner,
          expansion.template,
          indices.sort((a, b) => a - b),
        );
      added = true;
    }
  }
  return { nodes: [...nodes.values()] };
}

function addElements(
  nodes: Map<string, GraphNodeInput>,
  owner: GraphNodeInput,
  template: ExpansionTemplateInput,
  indices: readonly number[],
): void {
  const [head, tail] = template.prefix.split("*") as [string, string];
  const gathered: string[] = [];
  for (const index of indices) {
    const prefix = `${head}${index}${tail}`;
    const rename = (id: string) =>
      id.startsWith(template.prefix) ? prefix + id.slice(template.prefix.length) : id;
    for (const node of template.nodes) {
      const id = rename(node.id);
      if (nodes.has(id)) continue;
      const dependencies = node.dependencies.length > 0 ? node.dependencies.map(rename) : owner.dependencies;
      nodes.set(id, { ...node, id, dependencies });
    }
    for (const output of template.outputs) gathered.push(rename(output));
  }
  nodes.set(owner.id, { ...owner, dependencies: [...owner.dependencies, ...gathered] });
}
