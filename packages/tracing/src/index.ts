export type { SchemaMismatch } from "./check/check-schemas.js";
export { checkSchemas } from "./check/check-schemas.js";
export type { GraphErrorCode, GraphErrorOptions } from "./errors/graph-error.js";
export { GraphError } from "./errors/graph-error.js";
export type { TracingErrorCode } from "./errors/tracing-error.js";
export { TracingError } from "./errors/tracing-error.js";
export type { DotOptions } from "./export/dot.js";
export type { MermaidOptions } from "./export/mermaid.js";
export type { TemplateInstance, TemplateParts } from "./graph/graph-template.js";
export { GraphTemplate } from "./graph/graph-template.js";
export type { InferenceGraphParts } from "./graph/inference-graph.js";
export { InferenceGraph } from "./graph/inference-graph.js";
export type { GraphParts } from "./graph/node-graph.js";
export { NodeGraph } from "./graph/node-graph.js";
export type {
  AccessNode,
  ComputeNode,
  GraphNode,
  Guard,
  InputNode,
  JoinNode,
  LeafNode,
  LLMNode,
  MapNode,
  ModuleNode,
  NodeBase,
  NodeKind,
  OpNode,
  RenderNode,
  RouteNode,
} from "./graph/node-types.js";
export { isComputeNode, isModuleNode } from "./graph/node-types.js";
export { gatherResult, resolveStructure, structureRefs } from "./graph/structure.js";
export { GRAPH_CONFIG, moduleConfig } from "./hash/module-config.js";
export type { AcceptsElement, MapBody } from "./primitives/map.js";
export { map } from "./primitives/map.js";
export type { NamedInputs } from "./primitives/named.js";
export { isNamedInputs, named } from "./primitives/named.js";
export type { Branch, BranchOutput, RouteOptions, WhenOptions } from "./primitives/route.js";
export { route, when } from "./primitives/route.js";
export { isTruthy } from "./primitives/route-select.js";
export { sideOutput } from "./primitives/side-output.js";
export { withPriority } from "./primitives/with-priority.js";
export {
  decodeData,
  encodeData,
  isOpaqueObject,
  OpaqueObject,
  type OpaqueTag,
} from "./serialize/encode-data.js";
export type { LoadGraphOptions } from "./serialize/from-json.js";
export { graphFromJSON } from "./serialize/from-json.js";
export type {
  GraphJSON,
  NodeJSON,
  ParameterJSON,
  SideOutputJSON,
  TemplateJSON,
} from "./serialize/graph-json.js";
export { GRAPH_FORMAT, GRAPH_FORMAT_VERSION, graphJsonSchema } from "./serialize/graph-json.js";
export type { TraceArgs } from "./tracer/tracer.js";
export { Tracer, trace } from "./tracer/tracer.js";
