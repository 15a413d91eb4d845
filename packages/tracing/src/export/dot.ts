import type { NodeGraph } from "../graph/node-graph.js";
import type { GraphNode } from "../graph/node-types.js";

/** Options of {@link toDot}. */
export interface DotOptions {
  /** Add each node's module path as a second label line. Default: `true`. */
  readonly showPaths?: boolean;
  /** Draw nodes that reach no output (dotted). Default: `true`. */
  readonly showDead?: boolean;
}

const SHAPES: Readonly<Record<GraphNode["kind"], string>> = {
  input: "box",
  llm: "ellipse",
  leaf: "ellipse",
  op: "ellipse",
  access: "ellipse",
  render: "ellipse",
  map: "box3d",
  route: "diamond",
  join: "invhouse",
};

function quote(text: string): string {
  return `"${text.replaceAll("\\", "\\\\").replaceAll('"', '\\"').replaceAll("\n", "\\n")}"`;
}

function label(node: GraphNode, showPaths: boolean): string {
  let text = node.label;
  if (showPaths && node.modulePath) text += `\n${node.modulePath}`;
  if (node.guard) text += `\n[${node.guard.branch}]`;
  return text;
}

function writeNodes(graph: NodeGraph, options: Required<DotOptions>, indent: string, lines: string[]): void {
  const outputs = new Set([...graph.outputIds, ...graph.sideOutputIds]);
  for (const id of graph.allOrder) {
    const node = graph.node(id);
    const live = graph.isLive(id);
    if (!live && !options.showDead) continue;
    // Inputs keep their box even when returned as is (plait: input takes precedence over output).
    const shape = node.kind !== "input" && outputs.has(id) ? "doubleoctagon" : SHAPES[node.kind];
    const style = live ? "" : ", style=dotted";
    lines.push(
      `${indent}${quote(id)} [label=${quote(label(node, options.showPaths))}, shape=${shape}${style}];`,
    );
    if (node.kind === "map") {
      const template = node.template;
      lines.push(`${indent}subgraph ${quote(`cluster_${id}`)} {`);
      lines.push(`${indent}  label=${quote(`${id}: once per element`)};`);
      lines.push(`${indent}  style=dashed;`);
      writeNodes(template, options, `${indent}  `, lines);
      lines.push(`${indent}}`);
      lines.push(`${indent}${quote(id)} -> ${quote(template.elementRef)} [style=dashed, label="each"];`);
    }
  }
  for (const id of graph.allOrder) {
    if (!graph.isLive(id) && !options.showDead) continue;
    for (const dep of graph.node(id).dependencies) {
      // param: refs are not nodes; captures in a template are outer nodes drawn by the enclosing graph.
      if (dep.startsWith("param:")) continue;
      lines.push(`${indent}${quote(dep)} -> ${quote(id)};`);
    }
  }
}

/**
 * Graphviz DOT text of a graph (plait `visualize_graph`): `digraph InferenceGraph {`, `rankdir=TB;`, one line
 * per node (inputs are boxes, outputs double octagons, maps 3D boxes, routes diamonds, joins houses, other
 * nodes ellipses; branch nodes get `[branch]` in their label; dead nodes are dotted), one `"dep" -> "id";`
 * line per dependency between nodes, and each map's template as a dashed cluster.
 */
export function toDot(graph: NodeGraph, options: DotOptions = {}): string {
  const resolved = { showPaths: options.showPaths ?? true, showDead: options.showDead ?? true };
  const lines = ["digraph InferenceGraph {", "  rankdir=TB;"];
  writeNodes(graph, resolved, "  ", lines);
  lines.push("}");
  return `${lines.join("\n")}\n`;
}
