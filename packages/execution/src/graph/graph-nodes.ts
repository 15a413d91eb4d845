import { displayText, firstErrorValue, isValue, runLeaf, toValue, unwrap, Value } from "@weft/core";
import type { GraphNode, InferenceGraph, JoinNode, LLMNode, MapNode, RouteNode } from "@weft/tracing";
import { gatherResult, resolveStructure } from "@weft/tracing";
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

function done(
  value: Value,
  details: NodeDetails | undefined,
  inputs: readonly unknown[],
  record: boolean,
): NodeOutcome<Value> {
  if (!record) return details ? { value, details } : { value };
  return { value, details: { ...details, inputs: inputsOf(inputs) } };
}

/** The branch a route took, or the ERROR Value it produced. */
function chosenBranch(route: Value): string | Value {
  return route.isError() ? route : String(route.payload);
}

/** Ids of the nodes guarded by `route` whose branch is not `taken` (all of them when `taken` is undefined). */
function untaken(nodes: Iterable<GraphNode>, route: RouteNode, taken: string | undefined): string[] {
  const skipped: string[] = [];
  for (const node of nodes)
    if (node.guard?.route === route.id && node.guard.branch !== taken) skipped.push(node.id);
  return skipped;
}

/**
 * Turns traced graph nodes into executable nodes (the contract of design_docs/tracing.md):
 * - `input`: its bound Value (re-reffed to the node id), inline;
 * - `op`, `access`, `render`: `execute(...resolvedArgs)`, inline (ops resolve ERROR inputs themselves);
 * - `llm`: the prompt `args[0]` through the resource manager; an ERROR argument short-circuits (no call);
 * - `leaf`: `runLeaf` on the resolved args (which short-circuits ERROR arguments), holding a slot;
 * - `route`: the branch named by `execute(key)`; nodes guarded by the other branches are skipped;
 * - `join`: the taken branch's output structure as one Value (waits only for the branch that ran);
 * - `map`: expands its template per element of the resolved list, then gathers the element outputs.
 *
 * `siblings` are the nodes among which route guards are looked up (the graph, or a map element's instance).
 */
export function toExecNodes(
  nodes: readonly GraphNode[],
  env: NodeEnvironment,
  inputValues?: ReadonlyMap<string, Value>,
): ExecNode<Value>[] {
  return nodes.map((node) => toExecNode(node, nodes, env, inputValues));
}

function toExecNode(
  node: GraphNode,
  siblings: readonly GraphNode[],
  env: NodeEnvironment,
  inputValues: ReadonlyMap<string, Value> | undefined,
): ExecNode<Value> {
  const base = {
    id: node.id,
    kind: node.kind,
    dependencies: node.dependencies,
    modulePath: node.modulePath ?? "",
    priority: node.priority,
    source: node,
  };
  const resolve = (context: NodeContext<Value>) =>
    resolveStructure(node.args, resolver(context, env.graph)) as unknown[];
  switch (node.kind) {
    case "input":
      return {
        ...base,
        inline: true,
        execute: () => {
          const value = inputValues?.get(node.id) ?? node.value;
          return { value: withRef(value ?? new Value("other", undefined), node.id) };
        },
      };
    case "op":
    case "access":
    case "render":
      return {
        ...base,
        inline: true,
        execute: (context) => {
          const args = resolve(context);
          const result = node.execute(...args);
          return result instanceof Promise
            ? result.then((value) => done(withRef(value, node.id), undefined, args, env.record))
            : done(withRef(result, node.id), undefined, args, env.record);
        },
      };
    case "route":
      return {
        ...base,
        inline: true,
        execute: async (context) => {
          const args = resolve(context);
          const choice = withRef(await node.execute(...args), node.id);
          const taken = chosenBranch(choice);
          return {
            value: choice,
            skip: untaken(siblings, node, typeof taken === "string" ? taken : undefined),
          };
        },
      };
    case "join":
      return {
        ...base,
        inline: true,
        joinsBranches: true,
        execute: (context) => joinOutcome(node, context, env),
      };
    case "map":
      return { ...base, inline: true, execute: (context) => mapOutcome(node, context, env) };
    case "llm":
      return {
        ...base,
        alias: node.module?.alias ?? "",
        execute: async (context) => {
          const args = resolve(context);
          const error = firstErrorValue(...args);
          if (error) return done(error, undefined, args, env.record);
          if (!node.module) throw new Error(`LLM node "${node.id}" has no module (a loaded graph)`);
          const prompt = args[0];
          const text = typeof prompt === "string" ? prompt : displayText(unwrap(prompt));
          const { value, details } = await env.runLlm(node, text, context);
          return done(value, details, args, env.record);
        },
      };
    case "leaf":
      return {
        ...base,
        execute: async (context) => {
          const args = resolve(context);
          if (!node.module) throw new Error(`Leaf node "${node.id}" has no module (a loaded graph)`);
          const output = await runLeaf(node.module, args);
          const value = isValue(output) && output.isError() ? output : withRef(toValue(output), node.id);
          return done(value, undefined, args, env.record);
        },
      };
  }
}

function joinOutcome(node: JoinNode, context: NodeContext<Value>, env: NodeEnvironment): NodeOutcome<Value> {
  const taken = chosenBranch(context.resultOf(node.route));
  if (typeof taken !== "string") return { value: taken };
  const value = gatherResult(node.branchOutputs[taken], resolver(context, env.graph));
  return { value: withRef(value, node.id) };
}

function mapOutcome(node: MapNode, context: NodeContext<Value>, env: NodeEnvironment): NodeOutcome<Value> {
  const list = resolveStructure(node.args[0], resolver(context, env.graph));
  return expandMap(node, toValue(list), context, env);
}
