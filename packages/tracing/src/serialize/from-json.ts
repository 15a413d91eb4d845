import {
  accessValue,
  F,
  inputSchemaOf,
  LLMInference,
  type Module,
  type OpExecutor,
  outputSchemaOf,
  Parameter,
  renderPrompt,
  type Value,
  type ValueKind,
} from "@weft/core";
import { GraphError } from "../errors/graph-error.js";
import { GraphTemplate } from "../graph/graph-template.js";
import { InferenceGraph } from "../graph/inference-graph.js";
import type { GraphNode, NodeBase } from "../graph/node-types.js";
import { selectByKey, selectTruthy } from "../primitives/route-select.js";
import { decodeData } from "./encode-data.js";
import {
  GRAPH_FORMAT,
  GRAPH_FORMAT_VERSION,
  type GraphJSON,
  graphJsonSchema,
  type NodeJSON,
  type TemplateJSON,
} from "./graph-json.js";

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

function notExecutable(id: string, why: string): OpExecutor {
  return () => {
    throw new GraphError("not_executable", `Node "${id}" cannot run: ${why}`, { nodeId: id });
  };
}

function opExecutor(id: string, op: string): OpExecutor {
  const fn = (F as Readonly<Record<string, unknown>>)[op.startsWith("F.") ? op.slice(2) : op];
  // Outside a trace the public op runs at once on concrete arguments: the same as the recorded executor.
  return typeof fn === "function" ? (fn as OpExecutor) : notExecutable(id, `no op named ${op}`);
}

class Loader {
  readonly #modules: ReadonlyMap<string, Module> | undefined;

  constructor(root: Module | undefined) {
    this.#modules = root ? new Map(root.namedModules()) : undefined;
  }

  nodes(list: readonly NodeJSON[], path: string): Map<string, GraphNode> {
    const nodes = new Map<string, GraphNode>();
    list.forEach((json, index) => {
      if (nodes.has(json.id)) {
        throw new GraphError("duplicate_node", `Two nodes have id "${json.id}"`, {
          nodeId: json.id,
          path: `${path}[${index}]`,
        });
      }
      nodes.set(json.id, this.node(json, `${path}[${index}]`));
    });
    return nodes;
  }

  template(json: TemplateJSON, path: string): GraphTemplate {
    return new GraphTemplate({
      prefix: json.prefix,
      nodes: this.nodes(json.nodes, `${path}.nodes`),
      inputIds: json.inputIds,
      output: decodeData(json.output, `${path}.output`),
      sideOutputs: new Map(
        json.sideOutputs.map((side) => [side.name, decodeData(side.output, `${path}.sideOutputs`)]),
      ),
    });
  }

  node(json: NodeJSON, path: string): GraphNode {
    const base: NodeBase = {
      id: json.id,
      kind: json.kind,
      label: json.label,
      modulePath: json.modulePath,
      args: decodeData(json.args, `${path}.args`) as unknown[],
      dependencies: json.dependencies,
      priority: json.priority,
      guard: json.guard,
      resultKind: json.resultKind as ValueKind,
    };
    switch (json.kind) {
      case "input":
        return { ...base, kind: "input", name: json.name, value: undefined };
      case "llm":
      case "leaf": {
        const module = this.#module(json, path);
        const shared = {
          ...base,
          className: json.className,
          parameterRefs: json.parameterRefs,
          inputSchema: module ? inputSchemaOf(module) : undefined,
          outputSchema: module ? outputSchemaOf(module) : undefined,
          jsonSchemas: { input: json.inputSchema, output: json.outputSchema },
          ...(module ? {} : { config: json.config }),
        };
        return json.kind === "llm"
          ? { ...shared, kind: "llm", module: module as LLMInference<never> | null }
          : { ...shared, kind: "leaf", module: module as never };
      }
      case "op":
        return { ...base, kind: "op", op: json.op, execute: opExecutor(json.id, json.op) };
      case "access": {
        const key = json.key ?? undefined;
        const execute: OpExecutor = (value) => accessValue(value as Value, json.access, key);
        return { ...base, kind: "access", access: json.access, key: json.key, execute };
      }
      case "render": {
        const strings = Object.freeze([...json.strings]);
        return { ...base, kind: "render", strings, execute: (...values) => renderPrompt(strings, values) };
      }
      case "map":
        return { ...base, kind: "map", template: this.template(json.template, `${path}.template`) };
      case "route": {
        const execute =
          json.selector === "truthy" ? selectTruthy() : selectByKey(json.branches, json.fallback);
        return {
          ...base,
          kind: "route",
          selector: json.selector,
          branches: json.branches,
          fallback: json.fallback,
          execute,
        };
      }
      case "join":
        return {
          ...base,
          kind: "join",
          route: json.route,
          branchOutputs: decodeData(json.branchOutputs, `${path}.branchOutputs`) as Record<string, unknown>,
        };
    }
  }

  #module(json: NodeJSON & { className: string }, path: string): Module | null {
    if (this.#modules === undefined || json.modulePath === null) return null;
    const module = this.#modules.get(json.modulePath);
    const llm = json.kind === "llm";
    if (!module || module.constructor.name !== json.className || module instanceof LLMInference !== llm) {
      const found = module ? module.constructor.name : "nothing";
      throw new GraphError(
        "module_mismatch",
        `Node "${json.id}" was ${json.className} at module path "${json.modulePath}", the module tree has ${found}`,
        { nodeId: json.id, path },
      );
    }
    return module;
  }
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
