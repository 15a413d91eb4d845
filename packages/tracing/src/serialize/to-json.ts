import { jsonSchemaOf } from "../check/json-schema-of.js";
import type { GraphTemplate } from "../graph/graph-template.js";
import type { InferenceGraph } from "../graph/inference-graph.js";
import type { GraphNode, ModuleNode } from "../graph/node-types.js";
import { nodeConfigData } from "../hash/module-config.js";
import { encodeData } from "./encode-data.js";
import {
  GRAPH_FORMAT,
  GRAPH_FORMAT_VERSION,
  type GraphJSON,
  type NodeJSON,
  type TemplateJSON,
} from "./graph-json.js";

function schemaJSON(node: ModuleNode, io: "input" | "output"): Record<string, unknown> | undefined {
  const schema = io === "input" ? node.inputSchema : node.outputSchema;
  if (schema) return jsonSchemaOf(schema, io) ?? undefined;
  const stored = node.jsonSchemas?.[io];
  return stored === undefined ? undefined : (stored as Record<string, unknown>);
}

function sideOutputsJSON(sideOutputs: ReadonlyMap<string, unknown>) {
  return [...sideOutputs].map(([name, output]) => ({ name, output: encodeData(output) }));
}

function templateJSON(template: GraphTemplate): TemplateJSON {
  return {
    prefix: template.prefix,
    inputIds: [...template.inputIds],
    output: encodeData(template.output),
    sideOutputs: sideOutputsJSON(template.sideOutputs),
    nodes: [...template.nodes.values()].map(nodeToJSON),
  };
}

/** One node as graph.json data. */
export function nodeToJSON(node: GraphNode): NodeJSON {
  const base = {
    id: node.id,
    label: node.label,
    modulePath: node.modulePath,
    args: node.args.map(encodeData),
    dependencies: [...node.dependencies],
    priority: node.priority,
    guard: node.guard && { route: node.guard.route, branch: node.guard.branch },
    resultKind: node.resultKind,
  };
  switch (node.kind) {
    case "input":
      return { ...base, kind: node.kind, name: node.name };
    case "llm":
    case "leaf": {
      const inputSchema = schemaJSON(node, "input");
      const outputSchema = schemaJSON(node, "output");
      return {
        ...base,
        kind: node.kind,
        className: node.className,
        config: nodeConfigData(node),
        parameterRefs: [...node.parameterRefs],
        ...(inputSchema ? { inputSchema } : {}),
        ...(outputSchema ? { outputSchema } : {}),
      };
    }
    case "op":
      return { ...base, kind: node.kind, op: node.op };
    case "access":
      return { ...base, kind: node.kind, access: node.access, key: node.key };
    case "render":
      return { ...base, kind: node.kind, strings: [...node.strings] };
    case "map":
      return { ...base, kind: node.kind, template: templateJSON(node.template) };
    case "route":
      return {
        ...base,
        kind: node.kind,
        selector: node.selector,
        branches: [...node.branches],
        fallback: node.fallback,
      };
    case "join": {
      const branchOutputs: Record<string, unknown> = {};
      for (const [branch, output] of Object.entries(node.branchOutputs))
        branchOutputs[branch] = encodeData(output);
      return { ...base, kind: node.kind, route: node.route, branchOutputs };
    }
  }
}

/** The graph.json document of `graph` (JSON-safe; `JSON.stringify` it). */
export function graphToJSON(graph: InferenceGraph): GraphJSON {
  return {
    format: GRAPH_FORMAT,
    version: GRAPH_FORMAT_VERSION,
    hash: graph.hash,
    inputIds: [...graph.inputIds],
    outputIds: [...graph.outputIds],
    output: encodeData(graph.output),
    sideOutputs: sideOutputsJSON(graph.sideOutputs),
    parameters: graph.parameterRefs.map((ref) => {
      const parameter = graph.parameters.get(ref);
      const value = graph.parameterValue(ref);
      return {
        ref,
        name: ref.slice("param:".length),
        value: encodeData(value.payload),
        description: parameter?.description ?? null,
        requiresGrad: parameter?.requiresGrad ?? false,
      };
    }),
    order: [...graph.order],
    nodes: [...graph.nodes.values()].map(nodeToJSON),
  };
}
