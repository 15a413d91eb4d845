import {
  type LeafModule,
  type LLMInference,
  type Module,
  type Parameter,
  TraceError,
  Value,
  type ValueKind,
  valueify,
} from "@weft/core";
import type { z } from "zod";
import { TracingError } from "../errors/tracing-error.js";
import { InferenceGraph } from "../graph/inference-graph.js";
import type { GraphNode, Guard, InputNode } from "../graph/node-types.js";
import { bindInputs } from "./bind-inputs.js";
import { type Encoded, Encoder } from "./encode.js";
import { ModuleCatalog } from "./module-catalog.js";
import { ScopeStack } from "./scope-stack.js";
import type { TraceScope } from "./trace-scope.js";

/** Everything one `trace()` records; the Tracer and the primitives (map, route, ...) drive it. @internal */
export class TraceState {
  readonly root: Module;
  readonly encoder = new Encoder();
  readonly scopes = new ScopeStack();
  readonly modules: ModuleCatalog;
  readonly #paths: (string | null)[] = [""];
  #priority = 0;

  constructor(root: Module) {
    this.root = root;
    this.modules = new ModuleCatalog(root, this.encoder);
  }

  /** Module path of the composite whose `forward()` is being traced. */
  get path(): string | null {
    return this.#paths[this.#paths.length - 1] ?? null;
  }

  get priority(): number {
    return this.#priority;
  }

  /** Encodes a structure (see `Encoder`) and checks that every ref in it may be used here. */
  encode(x: unknown): Encoded {
    const encoded = this.encoder.encode(x);
    for (const ref of encoded.refs) this.scopes.check(ref);
    return encoded;
  }

  /** The branch nodes recorded now belong to; its route joins `dependencies` (they wait for the decision). */
  guard(scope: TraceScope, dependencies: string[]): Guard | null {
    const guard = scope.guard;
    if (guard !== null && !dependencies.includes(guard.route)) dependencies.push(guard.route);
    return guard;
  }

  /** Stores a complete node in `scope` and returns its placeholder. */
  store(scope: TraceScope, node: GraphNode): Value {
    scope.nodes.set(node.id, node);
    return Value.placeholder(node.resultKind, node.id);
  }

  /** Adds an input node (`input:<name>`, or a template's `element` / `index`) and returns its placeholder. */
  addInput(scope: TraceScope, id: string, name: string, value: Value | undefined, kind: ValueKind): Value {
    const node: InputNode = {
      id,
      kind: "input",
      label: `Input(${name})`,
      modulePath: this.path,
      args: [],
      dependencies: [],
      priority: this.#priority,
      guard: null,
      resultKind: kind,
      name,
      value,
    };
    scope.nodes.set(id, node);
    scope.inputIds.push(id);
    return Value.placeholder(kind, id, value?.meta);
  }

  bindInputs(args: readonly unknown[]): unknown[] {
    const scope = this.scopes.current;
    return bindInputs(args, (name, value) => this.addInput(scope, `input:${name}`, name, value, value.kind));
  }

  /** A leaf module call (LLMInference or LeafModule): one node, a placeholder back. */
  recordModule(module: LeafModule, args: readonly unknown[]): Value {
    const { structure, refs } = this.encode(args);
    const info = this.modules.info(module);
    const scope = this.scopes.current;
    const id = scope.nextId(info.className);
    const guard = this.guard(scope, refs);
    // Two literals rather than a spread: this is the hot path of tracing.
    if (info.llm) {
      return this.store(scope, {
        id,
        kind: "llm",
        label: info.className,
        modulePath: info.path,
        args: structure as unknown[],
        dependencies: refs,
        priority: this.#priority,
        guard,
        resultKind: info.resultKind,
        className: info.className,
        parameterRefs: info.parameterRefs,
        inputSchema: info.inputSchema,
        outputSchema: info.outputSchema,
        module: module as LLMInference<z.ZodType | undefined>,
      });
    }
    return this.store(scope, {
      id,
      kind: "leaf",
      label: info.className,
      modulePath: info.path,
      args: structure as unknown[],
      dependencies: refs,
      priority: this.#priority,
      guard,
      resultKind: info.resultKind,
      className: info.className,
      parameterRefs: info.parameterRefs,
      inputSchema: info.inputSchema,
      outputSchema: info.outputSchema,
      module,
    });
  }

  /** A composite call: trace into its `forward()` (flattening), with its module path on the nodes. */
  inlineComposite(module: Module, args: readonly unknown[]): unknown {
    this.#paths.push(this.modules.pathOf(module));
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

  /** Records a named side output in the current scope. */
  addSideOutput(name: string, value: unknown): void {
    const scope = this.scopes.current;
    if (scope.sideOutputs.has(name)) {
      throw new TracingError(
        "duplicate_side_output",
        `Side output "${name}" is recorded twice in the same scope`,
      );
    }
    scope.sideOutputs.set(name, this.encode(value).structure);
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
    const scope = this.scopes.root;
    const structure = this.encode(output).structure;
    // The root's parameters first, in namedParameters() order, then any other parameter met in arguments.
    const parameters = new Map<string, Parameter>();
    for (const [, parameter] of this.root.namedParameters()) {
      parameters.set(this.encoder.lift(parameter).ref as string, parameter);
    }
    for (const [ref, parameter] of this.encoder.parameters)
      if (!parameters.has(ref)) parameters.set(ref, parameter);
    return new InferenceGraph({
      nodes: scope.nodes,
      inputIds: scope.inputIds,
      output: structure,
      sideOutputs: scope.sideOutputs,
      parameters,
      parameterValues: this.encoder.parameterValues,
    });
  }
}
