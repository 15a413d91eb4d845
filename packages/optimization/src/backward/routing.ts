import { isLeafModule, type Module, type Parameter, type Value } from "@weft/core";
import type { ForwardRecord } from "@weft/execution";
import { type GraphNode, type InferenceGraph, structureRefs } from "@weft/tracing";
import { type FeedbackPayload, normalizeFeedbackValue } from "../feedback/normalize.js";
import { hasActions } from "../feedback/text.js";
import type { BackwardContext, BackwardResult } from "./backward-types.js";
import { hasBackward } from "./backward-types.js";
import { isDetachNode } from "./detach.js";
import { llmParameterFeedback, usedParameterFeedback } from "./parameter-texts.js";
import { positionalInputs, resolveInputRefs } from "./resolve-input.js";

/** Feedback a backward step gives one parameter: a text, or a feedback Value (its actions are added). */
export interface ParameterFeedback {
  readonly parameter: Parameter;
  readonly feedback: string | Value;
}

/** Where a node's feedback went: upstream nodes (by id) and parameters. */
export interface RoutedFeedback {
  readonly toNodes: ReadonlyMap<string, readonly Value[]>;
  readonly toParameters: readonly ParameterFeedback[];
}

/** What a routing step needs from its backward pass. */
export interface StepEnvironment {
  readonly record: ForwardRecord;
  readonly graph: InferenceGraph;
  reason(prompt: string): Promise<string>;
}

/** The module a recorded node ran, if any. */
export function moduleOfNode(node: GraphNode, record: ForwardRecord): Module | undefined {
  return (
    record.moduleMap.get(node.id) ??
    (node.kind === "llm" || node.kind === "leaf" ? (node.module ?? undefined) : undefined)
  );
}

/** Refs a data node (op, access, render, route, join, map) takes its input from. */
function dataInputRefs(node: GraphNode): string[] {
  if (node.kind === "join") return structureRefs(Object.values(node.branchOutputs));
  return structureRefs(node.args);
}

function defaultResult(node: GraphNode, module: Module | undefined, feedback: Value): BackwardResult {
  if (node.kind === "llm" && module) {
    const parameterFeedback: Record<string, unknown> = {};
    for (const [name, parameter] of module.namedParameters()) {
      if (parameter.requiresGrad) parameterFeedback[name] = feedback;
    }
    return { inputFeedback: { 0: feedback }, parameterFeedback };
  }
  if (node.kind === "leaf" || isLeafModule(module)) {
    return { inputFeedback: Object.fromEntries(node.args.map((_, index) => [String(index), feedback])) };
  }
  return {};
}

/**
 * Routing backward of one node (plait-spec 9.5): a module implementing `backward` decides; otherwise an LLM
 * call passes the feedback to its prompt and gives each learnable parameter (its system prompt) a text with
 * the call's input, output and the feedback; a leaf passes it to every argument; a data step (op, access,
 * render, route, join, map) to every Value it read, and a learnable parameter interpolated there gets a text
 * saying what it was used for.
 */
export async function routeFeedback(
  node: GraphNode,
  feedback: Value<FeedbackPayload>,
  downstream: readonly Value[],
  env: StepEnvironment,
): Promise<RoutedFeedback> {
  const { record, graph } = env;
  const toNodes = new Map<string, Value[]>();
  const toParameters: ParameterFeedback[] = [];
  const inputs = positionalInputs(record.nodeInputs.get(node.id));
  const output = record.nodeOutputs.get(node.id);
  const sendTo = (refs: readonly string[], value: Value) => {
    for (const ref of refs) {
      if (ref.startsWith("param:")) {
        const parameter = graph.parameters.get(ref);
        if (parameter?.requiresGrad) {
          toParameters.push({
            parameter,
            feedback: usedParameterFeedback(parameter, `"${node.label}"`, output, value),
          });
        }
      } else if (record.nodeOutputs.has(ref) && graph.nodes.get(ref)?.kind !== "input") {
        const list = toNodes.get(ref);
        if (list) list.push(value);
        else toNodes.set(ref, [value]);
      }
    }
  };
  const module = moduleOfNode(node, record);
  if (!module && node.kind !== "llm" && node.kind !== "leaf") {
    sendTo(isDetachNode(node) ? [] : dataInputRefs(node), feedback);
    return { toNodes, toParameters };
  }
  let result: BackwardResult;
  if (hasBackward(module)) {
    const context: BackwardContext = {
      nodeId: node.id,
      node,
      module,
      inputs,
      output,
      graph,
      record,
      downstreamFeedback: downstream,
      reason: (prompt) => env.reason(prompt),
    };
    result = await module.backward(feedback, context);
  } else {
    result = defaultResult(node, module, feedback);
  }
  for (const [key, raw] of Object.entries(result.inputFeedback ?? {})) {
    const value = normalizeFeedbackValue(raw);
    if (hasActions(value)) sendTo(resolveInputRefs(node, key), value);
  }
  const named = module ? module.namedParameters() : [];
  for (const [name, raw] of Object.entries(result.parameterFeedback ?? {})) {
    const found = named.find(([full]) => full === name || full.endsWith(`.${name}`));
    const parameter = found?.[1];
    if (!parameter?.requiresGrad) continue;
    const text = hasBackward(module) ? raw : llmParameterFeedback(parameter, inputs["0"], output, feedback);
    toParameters.push({
      parameter,
      feedback: typeof text === "string" ? text : normalizeFeedbackValue(text),
    });
  }
  return { toNodes, toParameters };
}
