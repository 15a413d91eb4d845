import type { GraphNode } from "./node-types.js";
import { renameRefs } from "./structure.js";

/** A copy of `node` with its id and every ref in it passed through `rename`. @internal */
export function renameNode(node: GraphNode, rename: (ref: string) => string): GraphNode {
  const base = {
    ...node,
    id: rename(node.id),
    args: node.args.map((arg) => renameRefs(arg, rename)),
    dependencies: node.dependencies.map(rename),
    guard: node.guard === null ? null : { route: rename(node.guard.route), branch: node.guard.branch },
  };
  switch (base.kind) {
    case "map":
      return { ...base, template: base.template.renamed(rename) };
    case "join": {
      const branchOutputs: Record<string, unknown> = {};
      for (const [branch, structure] of Object.entries(base.branchOutputs)) {
        branchOutputs[branch] = renameRefs(structure, rename);
      }
      return { ...base, route: rename(base.route), branchOutputs };
    }
    default:
      return base;
  }
}
