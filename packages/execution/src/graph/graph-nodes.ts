import { displayText, firstErrorValue, isValue, runLeaf, toValue, unwrap, Value } from "@weft/core";
import type { GraphNode, InferenceGraph, JoinNode, LLMNode, RouteNode } from "@weft/tracing";
import { gatherResult, resolveStructure } from "@weft/tracing";
import type { RuntimeEventContext } from "../events/runtime-events.js";
import type { ExecNode, NodeContext, NodeDetails, NodeOutcome } from "./exec-node.js";
import { expandMap } from "./expand-map.js";

/** What the graph's nodes need from their run. */
export interface NodeEnvironment {
  /** Resolves `param:` refs. */
  readonly graph: InferenceGraph;
  /** Keep each node's resolved inputs in its details (record mode). */
  readonly record: boolean;
  /** Runs one LLM call node on its prompt. */
  runLlm(
    node: LLMNode,
    prompt: string,
    context: NodeContext<Value>,
  ): Promise<{ value: Value; details: NodeDetails }>;
}

/** A Value with the producing node's id as its ref (the provenance every result carries). */
export function withRef(value: Value, ref: string): Value {
  if (value.ref === ref) return value;
  return new Value(
    value.kind,
    value.isPlaceholder ? undefined : value.isError() ? value.error : value.payload,
    {
      ref,
      meta: value.meta,
    },
  );
}

/** Resolves a structure of ValueRefs against completed nodes and the graph's parameters. */
export function resolver(context: NodeContext<Value>, graph: InferenceGraph): (ref: string) => Value {
  return (ref) => (ref.startsWith("param:") ? graph.parameterValue(ref) : context.resultOf(ref));
}

function inputsOf(args: readonly unknown[]): Record<string, unknown> {
  const inputs: Record<string, unknown> = {};
  for (const [index, arg] of args.entries()) inputs[`arg_${index}`] = arg;
  return inputs;
}

/** The branch a route took, or the ERROR Value it produced. */
function chosenBranch(route: Value): string | Value {
  return route.isError() ? route : String(route.payload);
}

const INLINE_KINDS: ReadonlySet<string> = new Set([
  "input",
  "op",
  "access",
  "render",
  "route",
  "join",
  "map",
]);

/**
 * One traced graph node made executable (the contract of design_docs/tracing.md):
 * - `input`: its bound Value (re-reffed to the node id), inline;
 * - `op`, `access`, `render`: `execute(...resolvedArgs)`, inline (ops resolve ERROR inputs themselves);
 * - `llm`: the prompt `args[0]` through the resource manager; an ERROR argument short-circuits (no call);
 * - `leaf`: `runLeaf` on the resolved args (which short-circuits ERROR arguments), holding a slot;
 * - `route`: the branch named by `execute(key)`; nodes guarded by the other branches are skipped;
 * - `join`: the taken branch's output structure as one Value (waits only for the branch that ran);
 * - `map`: expands its template per element of the resolved list, then gathers the element outputs.
 * A class, so that a node costs one object (no closures per node).
 */
class TracedNode implements ExecNode<Value> {
  readonly inline: boolean;
  readonly alias: string | undefined;
  eventContext: RuntimeEventContext | undefined = undefined;
  timelineRow = -1;

  constructor(
    readonly source: GraphNode,
    private readonly siblings: readonly GraphNode[],
    private readonly env: NodeEnvironment,
    private readonly inputValue: Value | undefined,
  ) {
    this.inline = INLINE_KINDS.has(source.kind);
    this.alias = source.kind === "llm" ? (source.module?.alias ?? "") : undefined;
  }

  // Read through from the traced node rather than copied: a 100k-node fan-out keeps every node alive.
  get id(): string {
    return this.source.id;
  }

  get kind(): GraphNode["kind"] {
    return this.source.kind;
  }

  get dependencies(): readonly string[] {
    return this.source.dependencies;
  }

  get modulePath(): string {
    return this.source.modulePath ?? "";
  }

  get priority(): number {
    return this.source.priority;
  }

  get joinsBranches(): boolean {
    return this.source.kind === "join";
  }

  execute(context: NodeContext<Value>): NodeOutcome<Value> | Promise<NodeOutcome<Value>> {
    const node = this.source;
    switch (node.kind) {
      case "input":
        return { value: withRef(this.inputValue ?? node.value ?? new Value("other", undefined), node.id) };
      case "op":
      case "access":
      case "render": {
        const args = this.resolve(context);
        const result = node.execute(...args);
        return result instanceof Promise
          ? result.then((value) => this.done(withRef(value, node.id), undefined, args))
          : this.done(withRef(result, node.id), undefined, args);
      }
      case "route":
        return this.route(node, context);
      case "join":
        return this.join(node, context);
      case "map":
        return expandMap(
          node,
          toValue(resolveStructure(node.args[0], resolver(context, this.env.graph))),
          context,
          this.env,
        );
      case "llm":
        return this.llm(node, context);
      case "leaf":
        return this.leaf(context);
    }
  }

  private resolve(context: NodeContext<Value>): unknown[] {
    return resolveStructure(this.source.args, resolver(context, this.env.graph)) as unknown[];
  }

  private done(
    value: Value,
    details: NodeDetails | undefined,
    inputs: readonly unknown[],
  ): NodeOutcome<Value> {
    if (!this.env.record) return details ? { value, details } : { value };
    return { value, details: { ...details, inputs: inputsOf(inputs) } };
  }

  private async route(node: RouteNode, context: NodeContext<Value>): Promise<NodeOutcome<Value>> {
    const choice = withRef(await node.execute(...this.resolve(context)), node.id);
    const taken = chosenBranch(choice);
    const skip: string[] = [];
    for (const sibling of this.siblings) {
      const guard = sibling.guard;
      if (guard?.route === node.id && guard.branch !== (typeof taken === "string" ? taken : undefined)) {
        skip.push(sibling.id);
      }
    }
    return { value: choice, skip };
  }

  private join(node: JoinNode, context: NodeContext<Value>): NodeOutcome<Value> {
    const taken = chosenBranch(context.resultOf(node.route));
    if (typeof taken !== "string") return { value: taken };
    const value = gatherResult(node.branchOutputs[taken], resolver(context, this.env.graph));
    return { value: withRef(value, node.id) };
  }

  private async llm(node: LLMNode, context: NodeContext<Value>): Promise<NodeOutcome<Value>> {
    const args = this.resolve(context);
    const error = firstErrorValue(...args);
    if (error) return this.done(error, undefined, args);
    if (!node.module) throw new Error(`LLM node "${node.id}" has no module (a loaded graph)`);
    const prompt = args[0];
    const text = typeof prompt === "string" ? prompt : displayText(unwrap(prompt));
    const { value, details } = await this.env.runLlm(node, text, context);
    return this.done(value, details, args);
  }

  private async leaf(context: NodeContext<Value>): Promise<NodeOutcome<Value>> {
    const node = this.source;
    if (node.kind !== "leaf") throw new Error(`node "${node.id}" is not a leaf`);
    const args = this.resolve(context);
    if (!node.module) throw new Error(`Leaf node "${node.id}" has no module (a loaded graph)`);
    const output = await runLeaf(node.module, args);
    const value = isValue(output) && output.isError() ? output : withRef(toValue(output), node.id);
    return this.done(value, undefined, args);
  }
}

/**
 * Turns traced graph nodes into executable nodes (see {@link TracedNode} for what each kind does).
 * `inputValues` binds input nodes (a map element's `element` and `index`); route guards are looked up among
 * `nodes` (the graph, or one map element's instance).
 */
export function toExecNodes(
  nodes: readonly GraphNode[],
  env: NodeEnvironment,
  inputValues?: ReadonlyMap<string, Value>,
): ExecNode<Value>[] {
  const siblings = routeSiblings(nodes);
  return nodes.map((node) => new TracedNode(node, siblings, env, inputValues?.get(node.id)));
}

/** The nodes route guards are looked up among: `nodes` when they hold a route, else none. @internal */
export function routeSiblings(nodes: readonly GraphNode[]): readonly GraphNode[] {
  for (const node of nodes) if (node.kind === "route") return nodes;
  return NO_SIBLINGS;
}

/** Shared by every node set without a route (a fan-out element would otherwise get its own empty array). */
const NO_SIBLINGS: readonly GraphNode[] = Object.freeze([]);

/** One executable node; `inputValue` binds an input node. @internal */
export function toExecNode(
  node: GraphNode,
  siblings: readonly GraphNode[],
  env: NodeEnvironment,
  inputValue: Value | undefined,
): ExecNode<Value> {
  return new TracedNode(node, siblings, env, inputValue);
}
