import {
  accessValue,
  F,
  inputSchemaOf,
  isLLMInference,
  type LLMInference,
  type Module,
  type OpExecutor,
  outputSchemaOf,
  renderPrompt,
  type Value,
  type ValueKind,
} from "@weft/core";
import { GraphError } from "../errors/graph-error.js";
import { GraphTemplate } from "../graph/graph-template.js";
import type { GraphNode, NodeBase } from "../graph/node-types.js";
import { selectByKey, selectTruthy } from "../primitives/route-select.js";
import { decodeData } from "./encode-data.js";
import type { NodeJSON, TemplateJSON } from "./graph-json.js";

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

/** Rebuilds nodes and templates from graph.json, re-attaching modules when a root is given. @internal */
export class Loader {
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
    if (!module || module.constructor.name !== json.className || isLLMInference(module) !== llm) {
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
