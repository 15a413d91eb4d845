import { createHash } from "node:crypto";
import type { GraphTemplate } from "../graph/graph-template.js";
import type { NodeGraph } from "../graph/node-graph.js";
import type { GraphNode } from "../graph/node-types.js";
import { canonical } from "./canonical.js";
import { nodeConfigData } from "./module-config.js";

/** SHA-256 hex of a string. @internal */
export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** What a node contributes to its hash, besides the hashes of its dependencies. */
function nodeShape(node: GraphNode, refHash: (ref: string) => string): Record<string, unknown> {
  const base = { kind: node.kind, priority: node.priority, guard: node.guard && { ...node.guard } };
  switch (node.kind) {
    case "input":
      return { ...base, name: node.name };
    case "llm":
    case "leaf":
      return { ...base, className: node.className, config: nodeConfigData(node), args: node.args };
    case "op":
      return { ...base, op: node.op, args: node.args };
    case "access":
      return { ...base, access: node.access, key: node.key, args: node.args };
    case "render":
      return { ...base, strings: node.strings, args: node.args };
    case "map":
      return { ...base, args: node.args, template: templateHash(node.template) };
    case "route":
      return {
        ...base,
        selector: node.selector,
        branches: node.branches,
        fallback: node.fallback,
        args: node.args,
      };
    case "join":
      return { ...base, route: refHash(node.route), branchOutputs: node.branchOutputs };
  }
}

/**
 * Merkle hashes of every node of `graph`, in dependency order: a node's hash covers its kind, its
 * configuration (module config, op name, access key, template strings, map template, route branches), its
 * args with each ValueRef replaced by the producer's hash, its guard and priority, and the hashes of all
 * its dependencies in order. Ids never enter: the same structure gives the same hashes. `external` hashes
 * refs that are not nodes (`param:` refs, template captures). @internal
 */
export function hashNodes(graph: NodeGraph, external: (ref: string) => string): Map<string, string> {
  const hashes = new Map<string, string>();
  const refHash = (ref: string) => hashes.get(ref) ?? external(ref);
  for (const id of graph.allOrder) {
    const node = graph.node(id);
    const shape = nodeShape(node, refHash);
    shape.dependencies = node.dependencies.map(refHash);
    hashes.set(id, sha256(canonical(shape, refHash)));
  }
  return hashes;
}

/** The hash of a whole graph or template from its node hashes: output structure, side outputs, sizes. @internal */
export function structureHash(graph: NodeGraph, refHash: (ref: string) => string): string {
  const sideOutputs: Record<string, unknown> = {};
  for (const [name, structure] of graph.sideOutputs) sideOutputs[name] = structure;
  const shape = {
    output: graph.output,
    sideOutputs,
    nodes: graph.order.length,
    inputs: graph.inputIds.length,
  };
  return sha256(canonical(shape, refHash));
}

const templateHashes = new WeakMap<GraphTemplate, string>();

/**
 * The hash of a map template: captures count by their position in `template.captures` (the map node's
 * dependencies carry their actual hashes), local nodes by their Merkle hashes. @internal
 */
export function templateHash(template: GraphTemplate): string {
  let hash = templateHashes.get(template);
  if (hash === undefined) {
    const external = (ref: string) => `capture:${template.captures.indexOf(ref)}`;
    const hashes = hashNodes(template, external);
    hash = structureHash(template, (ref) => hashes.get(ref) ?? external(ref));
    templateHashes.set(template, hash);
  }
  return hash;
}
