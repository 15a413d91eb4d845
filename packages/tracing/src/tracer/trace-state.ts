import {
  type AccessKind,
  accessValue,
  inputSchemaOf,
  type LeafModule,
  LLMInference,
  type Module,
  type OpExecutor,
  outputSchemaOf,
  type Parameter,
  renderPrompt,
  TraceError,
  Value,
  ValueKind,
  valueify,
} from "@weft/core";
import type { z } from "zod";
import { TracingError } from "../errors/tracing-error.js";
import { GraphTemplate } from "../graph/graph-template.js";
import { InferenceGraph } from "../graph/inference-graph.js";
import type {
  GraphNode,
  Guard,
  InputNode,
  JoinNode,
  MapNode,
  ModuleNode,
  RouteNode,
} from "../graph/node-types.js";
import { bindInputs } from "./bind-inputs.js";
import { Encoder } from "./encode.js";
import { kindOfSchema } from "./kind-of-schema.js";
import { scopePrefixOf, TraceScope } from "./trace-scope.js";

/** A node without what `#add` fills in (guard, priority, module path unless given). */
type Fields<N> = N extends GraphNode
  ? Omit<N, "guard" | "priority" | "modulePath" | "dependencies"> & {
      readonly dependencies: string[];
      readonly modulePath?: string | null;
    }
  : never;
type NodeFields = Fields<GraphNode>;

/** One branch of a route being traced: its name and the function that traces it. @internal */
export interface BranchTracer {
  readonly name: string;
  readonly run: () => unknown;
}

/** Everything one `trace()` records; the Tracer and the primitives (map, route, ...) drive it. @internal */
export class TraceState {
  readonly root: Module;
  readonly #encoder = new Encoder();
  readonly #scopes: TraceScope[] = [new TraceScope("")];
  readonly #paths: (string | null)[] = [""];
  #modulePaths: Map<Module, string> | undefined;
  readonly #parameterRefs = new Map<Module, readonly string[]>();
  #priority = 0;

  constructor(root: Module) {
    this.root = root;
  }

  /** The innermost scope (a map template while its body is traced). */
  get scope(): TraceScope {
    return this.#scopes[this.#scopes.length - 1] as TraceScope;
  }

  bindInputs(args: readonly unknown[]): unknown[] {
    const scope = this.scope;
    return bindInputs(args, (name, value) => {
      const id = `input:${name}`;
      const node: InputNode = {
        id,
        kind: "input",
        label: `Input(${name})`,
        modulePath: "",
        args: [],
        dependencies: [],
        priority: 0,
        guard: null,
        resultKind: value.kind,
        name,
        value,
      };
      scope.nodes.set(id, node);
      scope.inputIds.push(id);
      return Value.placeholder(value.kind, id, value.meta);
    });
  }

  /** A leaf module call (LLMInference or LeafModule): one node, a placeholder back. */
  recordModule(module: LeafModule, args: readonly unknown[]): Value {
    const { structure, refs } = this.#encode(args);
    const llm = module instanceof LLMInference;
    const className = module.constructor.name;
    const outputSchema = outputSchemaOf(module);
    const resultKind = llm
      ? outputSchema
        ? ValueKind.STRUCTURED
        : ValueKind.TEXT
      : kindOfSchema(outputSchema);
    const id = this.scope.nextId(className);
    const common = {
      id,
      label: className,
      modulePath: this.#pathOf(module),
      args: structure as unknown[],
      dependencies: refs,
      resultKind,
      className,
      parameterRefs: this.#parameterRefsOf(module),
      inputSchema: inputSchemaOf(module),
      outputSchema,
    };
    const fields: Fields<ModuleNode> = llm
      ? { ...common, kind: "llm", module: module as LLMInference<z.ZodType | undefined> }
      : { ...common, kind: "leaf", module };
    return this.#add(fields);
  }

  /** A composite call: trace into its `forward()` (flattening), with its module path on the nodes. */
  inlineComposite(module: Module, args: readonly unknown[]): unknown {
    this.#paths.push(this.#pathOf(module));
    try {
      const lifted = args.map((arg) => valueify(arg));
      const output = (module.forward as (...values: unknown[]) => unknown)(...lifted);
      if (typeof (output as { then?: unknown } | null)?.then === "function") {
        throw new TraceError(
          "async_forward",
          `${module.constructor.name}.forward() returned a Promise while tracing. A composite forward() must be ` +
            "synchronous: module calls inside it return placeholder Values at once. Put async work in a LeafModule.",
        );
      }
      return output;
    } finally {
      this.#paths.pop();
    }
  }

  recordOp(name: string, args: readonly unknown[], execute: OpExecutor, resultKind: ValueKind): Value {
    const { structure, refs } = this.#encode(args);
    const base = name.startsWith("F.") ? name.slice(2) : name;
    const id = this.scope.nextId(base);
    return this.#add({
      id,
      kind: "op",
      label: name,
      args: structure as unknown[],
      dependencies: refs,
      resultKind,
      op: name,
      execute,
    });
  }

  recordAccess(value: Value, access: AccessKind, key?: string | number): Value {
    const { structure, refs } = this.#encode([value]);
    const id = this.scope.nextId(access);
    const label = key === undefined ? `.${access}()` : `.${access}(${JSON.stringify(key)})`;
    const resultKind = access === "get" || access === "at" ? ValueKind.OTHER : ValueKind.STRUCTURED;
    const execute: OpExecutor = (resolved) => accessValue(resolved as Value, access, key);
    return this.#add({
      id,
      kind: "access",
      label,
      args: structure as unknown[],
      dependencies: refs,
      resultKind,
      access,
      key: key ?? null,
      execute,
    });
  }

  recordRender(strings: readonly string[], values: readonly unknown[]): Value<string> {
    const { structure, refs } = this.#encode(values);
    const id = this.scope.nextId("prompt");
    const frozen = Object.freeze([...strings]);
    const execute: OpExecutor = (...resolved) => renderPrompt(frozen, resolved);
    return this.#add({
      id,
      kind: "render",
      label: "prompt",
      args: structure as unknown[],
      dependencies: refs,
      resultKind: ValueKind.TEXT,
      strings: frozen,
      execute,
    }) as Value<string>;
  }

  /** A dynamic `map`: the body traced once into a template on an element placeholder. */
  traceMap(list: Value, body: (element: Value, index: Value<number>) => unknown): Value {
    const parent = this.scope;
    const { structure, refs } = this.#encode([list]);
    const id = parent.nextId("map");
    const scope = new TraceScope(`${id}[*].`);
    const element = this.#templateInput(scope, "element", ValueKind.OTHER);
    const index = this.#templateInput(scope, "index", ValueKind.INT) as Value<number>;
    this.#scopes.push(scope);
    let output: unknown;
    try {
      output = this.#encode(body(element, index)).structure;
    } finally {
      this.#scopes.pop();
    }
    const template = new GraphTemplate({
      prefix: scope.prefix,
      nodes: scope.nodes,
      inputIds: scope.inputIds,
      output,
      sideOutputs: scope.sideOutputs,
    });
    for (const capture of template.captures) if (!refs.includes(capture)) refs.push(capture);
    const node: Fields<MapNode> = {
      id,
      kind: "map",
      label: "map",
      args: structure as unknown[],
      dependencies: refs,
      resultKind: ValueKind.STRUCTURED,
      template,
    };
    return this.#add(node);
  }

  /** A `route` / `when`: a route node, each branch traced under its guard, and a join node. */
  traceRoute(
    key: unknown,
    selector: RouteNode["selector"],
    branches: readonly BranchTracer[],
    fallback: string | null,
    execute: OpExecutor,
  ): Value {
    const scope = this.scope;
    const { structure, refs } = this.#encode([key]);
    const routeId = scope.nextId(selector === "truthy" ? "when" : "route");
    this.#add({
      id: routeId,
      kind: "route",
      label: selector === "truthy" ? "when" : "route",
      args: structure as unknown[],
      dependencies: refs,
      resultKind: ValueKind.TEXT,
      selector,
      branches: branches.map((branch) => branch.name),
      fallback,
      execute,
    });
    const branchOutputs: Record<string, unknown> = {};
    const joinRefs = [routeId];
    const kinds = new Set<ValueKind>();
    for (const branch of branches) {
      const guard: Guard = Object.freeze({ route: routeId, branch: branch.name });
      scope.guards.push(guard);
      try {
        const output = branch.run();
        const encoded = this.#encode(output);
        branchOutputs[branch.name] = encoded.structure;
        for (const ref of encoded.refs) if (!joinRefs.includes(ref)) joinRefs.push(ref);
        kinds.add(output instanceof Value ? output.kind : ValueKind.STRUCTURED);
      } finally {
        scope.guards.pop();
      }
    }
    const resultKind = kinds.size === 1 ? ([...kinds][0] as ValueKind) : ValueKind.STRUCTURED;
    const joinId = scope.nextId("join");
    const join: Fields<JoinNode> = {
      id: joinId,
      kind: "join",
      label: "join",
      args: [],
      dependencies: joinRefs,
      resultKind,
      route: routeId,
      branchOutputs,
    };
    return this.#add(join);
  }

  /** Records a named side output in the current scope. */
  addSideOutput(name: string, value: unknown): void {
    const scope = this.scope;
    if (scope.sideOutputs.has(name)) {
      throw new TracingError(
        "duplicate_side_output",
        `Side output "${name}" is recorded twice in the same scope`,
      );
    }
    scope.sideOutputs.set(name, this.#encode(value).structure);
  }

  /** Runs `fn` with `priority` on every node it records. */
  withPriority<T>(priority: number, fn: () => T): T {
    const previous = this.#priority;
    this.#priority = priority;
    try {
      return fn();
    } finally {
      this.#priority = previous;
    }
  }

  /** The graph, once `forward()` returned `output`. */
  finish(output: unknown): InferenceGraph {
    const scope = this.#scopes[0] as TraceScope;
    const structure = this.#encode(output).structure;
    // The root's parameters first, in namedParameters() order, then any other parameter met in arguments.
    const parameters = new Map<string, Parameter>();
    for (const [, parameter] of this.root.namedParameters()) {
      parameters.set(this.#encoder.lift(parameter).ref as string, parameter);
    }
    for (const [ref, parameter] of this.#encoder.parameters)
      if (!parameters.has(ref)) parameters.set(ref, parameter);
    return new InferenceGraph({
      nodes: scope.nodes,
      inputIds: scope.inputIds,
      output: structure,
      sideOutputs: scope.sideOutputs,
      parameters,
      parameterValues: this.#encoder.parameterValues,
    });
  }

  #templateInput(scope: TraceScope, name: string, kind: ValueKind): Value {
    const id = `${scope.prefix}${name}`;
    const node: InputNode = {
      id,
      kind: "input",
      label: `Input(${name})`,
      modulePath: this.#paths[this.#paths.length - 1] ?? null,
      args: [],
      dependencies: [],
      priority: this.#priority,
      guard: null,
      resultKind: kind,
      name,
      value: undefined,
    };
    scope.nodes.set(id, node);
    scope.inputIds.push(id);
    return Value.placeholder(kind, id);
  }

  /** Encodes a structure and checks that every ref in it may be used here. */
  #encode(x: unknown) {
    const encoded = this.#encoder.encode(x);
    for (const ref of encoded.refs) this.#checkRef(ref);
    return encoded;
  }

  #add(fields: NodeFields): Value {
    const scope = this.scope;
    const guard = scope.guard;
    if (guard !== null && !fields.dependencies.includes(guard.route)) fields.dependencies.push(guard.route);
    const node = {
      ...fields,
      modulePath:
        fields.modulePath === undefined ? (this.#paths[this.#paths.length - 1] ?? null) : fields.modulePath,
      priority: this.#priority,
      guard,
    } as unknown as GraphNode;
    scope.nodes.set(node.id, node);
    return Value.placeholder(node.resultKind, node.id);
  }

  /**
   * A ref may be used when it is a `param:` ref, or a node of an open scope that is not inside a route
   * branch that has been closed since. Anything else escaped a `map` body or a branch, or comes from
   * another trace.
   */
  #checkRef(ref: string): void {
    if (ref.startsWith("param:")) return;
    const prefix = scopePrefixOf(ref);
    let owner: TraceScope | undefined;
    for (let i = this.#scopes.length - 1; i >= 0; i--) {
      const scope = this.#scopes[i] as TraceScope;
      if (scope.prefix === prefix) {
        owner = scope;
        break;
      }
    }
    const node = owner?.nodes.get(ref);
    if (owner === undefined || node === undefined) {
      if (prefix !== "" && owner === undefined) {
        throw new TracingError(
          "escaped_scope",
          `Value "${ref}" was made inside a map body and used outside it: it exists once per element. ` +
            "Return it from the body; map() gathers the body's outputs into a list.",
          { ref },
        );
      }
      throw new TracingError(
        "unknown_ref",
        `Value "${ref}" is not part of this trace (a placeholder kept from another trace?). Pass data in as inputs.`,
        { ref },
      );
    }
    if (node.guard !== null && !owner.guards.includes(node.guard)) {
      throw new TracingError(
        "escaped_scope",
        `Value "${ref}" was made in branch "${node.guard.branch}" of ${node.guard.route} and used outside it: it ` +
          "does not exist when another branch is taken. Return it from the branch; the route's result is the " +
          "output of the branch taken.",
        { ref },
      );
    }
  }

  #pathOf(module: Module): string | null {
    if (this.#modulePaths === undefined) {
      this.#modulePaths = new Map();
      for (const [path, child] of this.root.namedModules()) this.#modulePaths.set(child, path);
    }
    return this.#modulePaths.get(module) ?? null;
  }

  #parameterRefsOf(module: Module): readonly string[] {
    let refs = this.#parameterRefs.get(module);
    if (refs === undefined) {
      refs = module.directParameters().map((parameter) => this.#encoder.lift(parameter).ref as string);
      this.#parameterRefs.set(module, refs);
    }
    return refs;
  }
}
