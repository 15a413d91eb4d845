import type { NodeGraph } from "../graph/node-graph.js";
import type { GraphNode } from "../graph/node-types.js";

/** Options of {@link toMermaid}. */
export interface MermaidOptions {
  /** Flow direction. Default: `"TB"`. */
  readonly direction?: "TB" | "BT" | "LR" | "RL";
  /** Add each node's module path as a second label line. Default: `true`. */
  readonly showPaths?: boolean;
}

function text(node: GraphNode, showPaths: boolean): string {
  let label = node.label;
  if (showPaths && node.modulePath) label += `<br/>${node.modulePath}`;
  if (node.guard) label += `<br/>[${node.guard.branch}]`;
  return `"${label.replaceAll('"', "#quot;").replaceAll("<", "#lt;").replaceAll(">", "#gt;").replaceAll("#lt;br/#gt;", "<br/>")}"`;
}

function shape(node: GraphNode, output: boolean, label: string): string {
  if (node.kind === "input") return `[/${label}/]`;
  if (output) return `(((${label})))`;
  if (node.kind === "map") return `[[${label}]]`;
  if (node.kind === "route") return `{${label}}`;
  if (node.kind === "join") return `[\\${label}/]`;
  return `[${label}]`;
}

/**
 * A Mermaid `flowchart` of a graph: node ids become `n0`, `n1`, ... (graph ids hold characters Mermaid does
 * not accept), labels keep the node label, module path and branch; inputs are parallelograms, outputs
 * double circles, maps subroutines, routes rhombi, joins trapezoids; each map's template is a subgraph.
 */
export function toMermaid(graph: NodeGraph, options: MermaidOptions = {}): string {
  const showPaths = options.showPaths ?? true;
  const ids = new Map<string, string>();
  const idOf = (ref: string) => {
    let id = ids.get(ref);
    if (id === undefined) {
      id = `n${ids.size}`;
      ids.set(ref, id);
    }
    return id;
  };
  const lines = [`flowchart ${options.direction ?? "TB"}`];
  const edges: string[] = [];
  const write = (current: NodeGraph, indent: string) => {
    const outputs = new Set([...current.outputIds, ...current.sideOutputIds]);
    for (const id of current.allOrder) {
      const node = current.node(id);
      lines.push(`${indent}${idOf(id)}${shape(node, outputs.has(id), text(node, showPaths))}`);
      for (const dep of node.dependencies) {
        if (!dep.startsWith("param:")) edges.push(`  ${idOf(dep)} --> ${idOf(id)}`);
      }
      if (node.kind === "map") {
        lines.push(`${indent}subgraph ${idOf(id)}_body["${id}: once per element"]`);
        write(node.template, `${indent}  `);
        lines.push(`${indent}end`);
        edges.push(`  ${idOf(id)} -.->|each| ${idOf(node.template.elementRef)}`);
      }
    }
  };
  write(graph, "  ");
  return `${[...lines, ...edges].join("\n")}\n`;
}
