import type { Value } from "@weft/core";
import type { ForwardRecord } from "@weft/execution";
import type { GraphNode, InferenceGraph } from "@weft/tracing";
import { feedbackLines, parameterKey, textOf, truncate } from "../feedback/text.js";
import type { CritiqueTarget } from "./critique-targets.js";
import { positionalInputs } from "./resolve-input.js";
import { moduleOfNode } from "./routing.js";

/** The critic's system prompt in textual-gradient propagation (override with `textualGradients({ systemPrompt })`). */
export const CRITIC_SYSTEM_PROMPT = [
  "You are the backward pass of a system that improves a pipeline of language-model calls by rewriting its prompts.",
  "You are shown one call of the pipeline (its system prompt, input and output), the feedback its output received",
  "from the later steps of the pipeline, and one variable of that call.",
  "Explain how that variable should change so that the output would address the feedback, given the variable's role.",
  "Write criticism and concrete, actionable suggestions; never write the new value of the variable yourself.",
  "Assign blame only where the evidence shown supports it: when this variable is not responsible for the problems",
  "in the feedback, return an empty list.",
  "Reply with a JSON array of strings, one suggestion per string.",
].join(" ");

function variableBlock(
  target: CritiqueTarget,
  graph: InferenceGraph,
  record: ForwardRecord,
  max: number,
): string {
  if (target.kind === "parameter") {
    const { parameter } = target;
    const kind = target.via === "own" ? "system-prompt" : "parameter";
    return [
      `<variable kind="${kind}" name="${parameterKey(parameter)}">`,
      `<role>${parameter.description ?? "a learnable text of this call"}</role>`,
      `<value>${truncate(textOf(parameter.value), max)}</value>`,
      "</variable>",
    ].join("\n");
  }
  const upstream = graph.nodes.get(target.nodeId);
  const name = upstream?.modulePath || target.nodeId;
  return [
    `<variable kind="upstream-output" name="${name}">`,
    `<role>the output of the earlier step "${name}" (${upstream?.label ?? target.nodeId}), which reached this call's input</role>`,
    `<value>${truncate(textOf(record.nodeOutputs.get(target.nodeId)), max)}</value>`,
    "</variable>",
  ].join("\n");
}

/**
 * The user prompt of one critique: the call (`<system-prompt>`, `<input>`, `<output>`), its
 * `<downstream-feedback>`, the `<variable>` to criticise (kind, name, role, value), and the instructions.
 * Every text is cut to `maxValueChars`.
 */
export function critiquePrompt(
  node: GraphNode,
  target: CritiqueTarget,
  feedback: Value,
  record: ForwardRecord,
  graph: InferenceGraph,
  maxValueChars: number,
): string {
  const module = moduleOfNode(node, record) as { systemPrompt?: { value?: unknown } | null } | undefined;
  const system = textOf(module?.systemPrompt?.value ?? "");
  const inputs = positionalInputs(record.nodeInputs.get(node.id));
  return [
    `<call step="${node.modulePath || node.id}">`,
    `<system-prompt>${truncate(system, maxValueChars)}</system-prompt>`,
    `<input>${truncate(textOf(inputs["0"]), maxValueChars)}</input>`,
    `<output>${truncate(textOf(record.nodeOutputs.get(node.id)), maxValueChars)}</output>`,
    "</call>",
    "<downstream-feedback>",
    feedbackLines(feedback),
    "</downstream-feedback>",
    variableBlock(target, graph, record, maxValueChars),
    "<instructions>",
    "Say how the variable above should change so that this call's output addresses the downstream feedback.",
    "Return a JSON array of strings; return [] when the variable needs no change.",
    "</instructions>",
  ].join("\n");
}
