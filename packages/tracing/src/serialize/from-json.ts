import { type Module, Parameter } from "@weft/core";
import { GraphError } from "../errors/graph-error.js";
import { InferenceGraph } from "../graph/inference-graph.js";
import { decodeData } from "./encode-data.js";
import { GRAPH_FORMAT, GRAPH_FORMAT_VERSION, type GraphJSON, graphJsonSchema } from "./graph-json.js";
import { Loader } from "./load-nodes.js";

/** Options of {@link graphFromJSON}. */
export interface LoadGraphOptions {
  /**
   * The root module the graph was traced from: module nodes get their module back by module path (the
   * class must match, else GraphError `module_mismatch`), and parameters by ref, so the graph can run
   * again and its hash reflects the modules' current configuration. Default: none (module nodes have
   * `module: null` and keep the saved configuration; the graph describes, it cannot run LLM or leaf nodes).
   */
  readonly module?: Module;
}

function issuePath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (out, key) => (typeof key === "number" ? `${out}[${key}]` : `${out}${out ? "." : ""}${String(key)}`),
    "",
  );
}

/**
 * Reads a graph.json document (an object, or its JSON text) back into an {@link InferenceGraph}. Ops run
 * again through `F`, accesses, templates and routes are rebuilt; LLM and leaf nodes get their modules back
 * when `options.module` is the traced root. Compare `graph.hash` with the document's `hash` to know whether
 * the modules changed since. Throws GraphError: `unsupported_version`, `invalid_json` (with the path of the
 * first problem), `module_mismatch`, `cycle`, `unknown_dependency`.
 */
export function graphFromJSON(json: unknown, options: LoadGraphOptions = {}): InferenceGraph {
  const document = typeof json === "string" ? parse(json) : json;
  const version = (document as { version?: unknown } | null)?.version;
  if (
    (document as { format?: unknown } | null)?.format === GRAPH_FORMAT &&
    version !== GRAPH_FORMAT_VERSION
  ) {
    throw new GraphError(
      "unsupported_version",
      `graph.json version ${String(version)} is not supported (this package reads ${GRAPH_FORMAT_VERSION})`,
    );
  }
  const result = graphJsonSchema.safeParse(document);
  if (!result.success) {
    const issue = result.error.issues[0];
    const path = issue ? issuePath(issue.path) : "";
    throw new GraphError(
      "invalid_json",
      `Not a graph.json document: ${path || "<root>"}: ${issue?.message ?? "invalid"}`,
      {
        path,
        cause: result.error,
      },
    );
  }
  const graph: GraphJSON = result.data;
  const loader = new Loader(options.module);
  const parameters = new Map<string, Parameter>();
  const live = new Map<string, Parameter>();
  if (options.module) {
    for (const [, parameter] of options.module.namedParameters())
      live.set(parameter.toValue().ref as string, parameter);
  }
  for (const saved of graph.parameters) {
    const value = decodeData(saved.value, `parameters.${saved.ref}`);
    const description = saved.description ?? undefined;
    parameters.set(
      saved.ref,
      live.get(saved.ref) ??
        new Parameter(value, {
          requiresGrad: saved.requiresGrad && description !== undefined,
          ...(description ? { description } : {}),
        }),
    );
  }
  return new InferenceGraph({
    nodes: loader.nodes(graph.nodes, "nodes"),
    inputIds: graph.inputIds,
    output: decodeData(graph.output, "output"),
    sideOutputs: new Map(
      graph.sideOutputs.map((side) => [side.name, decodeData(side.output, "sideOutputs")]),
    ),
    parameters,
  });
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new GraphError("invalid_json", `graph.json is not JSON: ${(cause as Error).message}`, { cause });
  }
}
