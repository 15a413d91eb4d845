import type { Module } from "@weft/core";
import { type GraphNode, isModuleNode, type NodeGraph } from "@weft/tracing";
import { formatSchema } from "./format-schema.js";

interface Group {
  readonly path: string;
  readonly children: (Group | GraphNode)[];
}

const isGroup = (child: Group | GraphNode): child is Group => "children" in child;

function parentPath(path: string): string {
  const dot = path.lastIndexOf(".");
  return dot < 0 ? "" : path.slice(0, dot);
}

/** A module node belongs to its parent composite; any other node to the composite that recorded it. */
function ownerPath(node: GraphNode): string {
  const path = node.modulePath ?? "";
  return isModuleNode(node) ? parentPath(path) : path;
}

/** Nodes grouped by composite; `base` is the path of the composite the tree starts at (a map's owner). */
function groupNodes(nodes: Iterable<GraphNode>, base = ""): Group {
  const root: Group = { path: base, children: [] };
  const groups = new Map<string, Group>([[base, root]]);
  const within = (path: string) => base === "" || path.startsWith(`${base}.`);
  const groupOf = (path: string): Group => {
    const found = groups.get(path);
    if (found) return found;
    if (path === "" || !within(path)) return root;
    const group: Group = { path, children: [] };
    groups.set(path, group);
    groupOf(parentPath(path)).children.push(group);
    return group;
  };
  for (const node of nodes) groupOf(ownerPath(node)).children.push(node);
  return root;
}

function detail(node: GraphNode): string {
  switch (node.kind) {
    case "llm":
      return `llm, alias ${node.module?.alias ?? "?"}`;
    case "leaf":
      return `leaf ${node.className}`;
    case "access":
      return node.key === null ? node.access : `${node.access} ${JSON.stringify(node.key)}`;
    case "render":
      return "prompt";
    case "op":
      return node.op;
    case "route":
      return `${node.selector === "key" ? "route" : "when"} (${node.branches.join(" | ")})`;
    default:
      return node.kind;
  }
}

function nodeLine(node: GraphNode): string {
  const name = isModuleNode(node) && node.modulePath ? `${node.modulePath.split(".").at(-1)}: ` : "";
  const deps = node.dependencies.filter((ref) => !ref.startsWith("param:") && ref !== node.guard?.route);
  const guard = node.guard ? `  [${node.guard.route} = ${node.guard.branch}]` : "";
  return `${name}${node.id}  ${detail(node)}${deps.length > 0 ? `  <- ${deps.join(", ")}` : ""}${guard}`;
}

function schemaLines(node: GraphNode): string[] {
  if (node.kind === "llm") {
    const out = node.outputSchema ? formatSchema(node.outputSchema, "output") : "string";
    return [`in:  string (the prompt)`, `out: ${out}`];
  }
  if (node.kind === "leaf") {
    const input = node.inputSchema ? formatSchema(node.inputSchema, "input") : "any (no inputSchema)";
    const out = node.outputSchema ? formatSchema(node.outputSchema, "output") : "any (no outputSchema)";
    return [`in:  ${input}`, `out: ${out}`];
  }
  return [];
}

/**
 * The traced graph as a tree for `weft inspect`: composites by module path (with their class), and under each
 * the nodes it recorded in order, with kind, alias, dependencies and branch guards; LLM and leaf nodes show their
 * input and output schemas; a map shows its body's nodes beneath it.
 */
export function graphTree(graph: NodeGraph, root: Module): string[] {
  const classes = new Map(root.namedModules().map(([path, module]) => [path, module.constructor.name]));
  const lines: string[] = [];
  const draw = (group: Group, indent: string) => {
    group.children.forEach((child, index) => {
      const last = index === group.children.length - 1;
      const branch = `${indent}${last ? "└─ " : "├─ "}`;
      const below = `${indent}${last ? "   " : "│  "}`;
      if (isGroup(child)) {
        const name = child.path.split(".").at(-1);
        lines.push(`${branch}${name} (${classes.get(child.path) ?? "module"})`);
        draw(child, below);
        return;
      }
      lines.push(`${branch}${nodeLine(child)}`);
      for (const line of schemaLines(child)) lines.push(`${below}  ${line}`);
      if (child.kind === "map") draw(groupNodes(child.template.nodes.values(), ownerPath(child)), below);
    });
  };
  lines.push(`${root.constructor.name}`);
  draw(groupNodes(graph.nodes.values()), "");
  return lines;
}
