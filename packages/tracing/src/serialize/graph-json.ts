import { z } from "zod";

/** The `format` field of a graph.json document. */
export const GRAPH_FORMAT = "weft.inference-graph";
/** The format version this package writes and reads. */
export const GRAPH_FORMAT_VERSION = 1;

const guard = z.object({ route: z.string(), branch: z.string() });

const nodeBase = {
  id: z.string(),
  label: z.string(),
  modulePath: z.string().nullable(),
  args: z.array(z.unknown()),
  dependencies: z.array(z.string()),
  priority: z.number(),
  guard: guard.nullable(),
  resultKind: z.string(),
};

const moduleFields = {
  className: z.string(),
  config: z.unknown(),
  parameterRefs: z.array(z.string()),
  inputSchema: z.record(z.string(), z.unknown()).optional(),
  outputSchema: z.record(z.string(), z.unknown()).optional(),
};

/** A template in graph.json (the body of a map node). */
export interface TemplateJSON {
  readonly prefix: string;
  readonly inputIds: readonly string[];
  readonly output: unknown;
  readonly sideOutputs: readonly SideOutputJSON[];
  readonly nodes: readonly NodeJSON[];
}

/** A named side output in graph.json. */
export interface SideOutputJSON {
  readonly name: string;
  readonly output: unknown;
}

const sideOutput = z.object({ name: z.string(), output: z.unknown() });

const templateSchema: z.ZodType<TemplateJSON> = z.lazy(() =>
  z.object({
    prefix: z.string().endsWith("[*]."),
    inputIds: z.array(z.string()),
    output: z.unknown(),
    sideOutputs: z.array(sideOutput),
    nodes: z.array(nodeSchema),
  }),
) as z.ZodType<TemplateJSON>;

const nodeSchema = z.discriminatedUnion("kind", [
  z.object({ ...nodeBase, kind: z.literal("input"), name: z.string() }),
  z.object({ ...nodeBase, ...moduleFields, kind: z.literal("llm") }),
  z.object({ ...nodeBase, ...moduleFields, kind: z.literal("leaf") }),
  z.object({ ...nodeBase, kind: z.literal("op"), op: z.string() }),
  z.object({
    ...nodeBase,
    kind: z.literal("access"),
    access: z.enum(["get", "at", "keys", "values", "entries"]),
    key: z.union([z.string(), z.number()]).nullable(),
  }),
  z.object({ ...nodeBase, kind: z.literal("render"), strings: z.array(z.string()) }),
  z.object({ ...nodeBase, kind: z.literal("map"), template: templateSchema }),
  z.object({
    ...nodeBase,
    kind: z.literal("route"),
    selector: z.enum(["key", "truthy"]),
    branches: z.array(z.string()),
    fallback: z.string().nullable(),
  }),
  z.object({
    ...nodeBase,
    kind: z.literal("join"),
    route: z.string(),
    branchOutputs: z.record(z.string(), z.unknown()),
  }),
]);

/** A node in graph.json: the node's fields, data encoded with `encodeData`, functions and modules left out. */
export type NodeJSON = z.infer<typeof nodeSchema>;

/** A parameter in graph.json: its value when the graph was saved. */
export interface ParameterJSON {
  /** `param:<hierarchical.name>`. */
  readonly ref: string;
  readonly name: string | null;
  readonly value: unknown;
  readonly description: string | null;
  readonly requiresGrad: boolean;
}

const parameterSchema = z.object({
  ref: z.string().startsWith("param:"),
  name: z.string().nullable(),
  value: z.unknown(),
  description: z.string().nullable(),
  requiresGrad: z.boolean(),
});

/**
 * graph.json, version 1 (design_docs/tracing.md describes every field): the structural `hash`, inputs,
 * outputs and the output structure, named side outputs, parameters with their values, the live nodes'
 * topological `order`, and every node in recording order.
 */
export const graphJsonSchema = z.object({
  format: z.literal(GRAPH_FORMAT),
  version: z.literal(GRAPH_FORMAT_VERSION),
  hash: z.string(),
  inputIds: z.array(z.string()),
  outputIds: z.array(z.string()),
  output: z.unknown(),
  sideOutputs: z.array(sideOutput),
  parameters: z.array(parameterSchema),
  order: z.array(z.string()),
  nodes: z.array(nodeSchema),
});

/** The graph.json document (see {@link graphJsonSchema}). */
export type GraphJSON = z.infer<typeof graphJsonSchema>;
