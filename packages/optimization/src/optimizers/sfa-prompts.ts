import type { UpstreamChange } from "./optimizer-types.js";
import { valueText } from "./parameter-text.js";

/** The aggregator's system prompt (plait-spec 9.7, in weft's words). */
export const AGGREGATOR_SYSTEM_PROMPT =
  "You merge many feedback items about one parameter of a program into one coherent summary: find the common " +
  "themes, put the most impactful changes first, and resolve conflicts between items.";

/** The updater's system prompt (plait-spec 9.7, in weft's words). */
export const UPDATER_SYSTEM_PROMPT =
  "You improve text parameters of a program (prompts, instructions) with targeted changes that address the " +
  "feedback while keeping what already works.";

/** Describes the parameter being changed: `<parameter name>` with `<description>` and `<current-value>`. */
function parameterBlock(key: string, description: string | null, value: unknown): string {
  return [
    `<parameter name="${key}">`,
    `<description>${description ?? ""}</description>`,
    `<current-value>${valueText(value)}</current-value>`,
    "</parameter>",
  ].join("\n");
}

/** The aggregation prompt (plait-spec 9.8): `<task>`, `<parameter>`, `<feedback-items>`, `<instructions>`, `<output-format>`. */
export function aggregationPrompt(
  key: string,
  description: string | null,
  value: unknown,
  items: readonly string[],
): string {
  return [
    "<task>Aggregate the feedback collected for one parameter into one summary.</task>",
    parameterBlock(key, description, value),
    `<feedback-items count="${items.length}">`,
    ...items.map((item, index) => `<feedback index="${index + 1}">${item}</feedback>`),
    "</feedback-items>",
    "<instructions>",
    "Identify the common themes, prioritise the changes with the most impact, resolve conflicting items, and keep",
    "every point actionable.",
    "</instructions>",
    "<output-format>One summary paragraph, with no lists.</output-format>",
  ].join("\n");
}

/** The upstream block (only when something changed upstream): `<upstream-updates>` with previous and updated values. */
export function upstreamBlock(changes: readonly UpstreamChange[]): string {
  if (changes.length === 0) return "";
  return [
    "<upstream-updates>",
    "<note>These parameters earlier in the program were just updated in this step; keep this parameter consistent with them.</note>",
    ...changes.map((change) =>
      [
        `<upstream-parameter name="${change.key}">`,
        `<description>${change.description ?? ""}</description>`,
        `<previous-value>${valueText(change.previous)}</previous-value>`,
        `<updated-value>${valueText(change.next)}</updated-value>`,
        "</upstream-parameter>",
      ].join("\n"),
    ),
    "</upstream-updates>",
  ].join("\n");
}

/**
 * The update prompt (plait-spec 9.8): `<task>`, `<parameter>`, `<aggregated-feedback>`, the upstream block,
 * `<update-guidelines>` with `<conservatism>` (one decimal) and its scale, `<instructions>`, `<output-format>`.
 */
export function updatePrompt(
  key: string,
  description: string | null,
  value: unknown,
  feedback: string | undefined,
  upstream: readonly UpstreamChange[],
  conservatism: number,
): string {
  const block = upstreamBlock(upstream);
  return [
    "<task>Update the parameter below based on the feedback.</task>",
    parameterBlock(key, description, value),
    `<aggregated-feedback>${
      feedback ??
      "No feedback was collected for this parameter in this step; change it only as needed to stay consistent with the upstream updates."
    }</aggregated-feedback>`,
    ...(block ? [block] : []),
    "<update-guidelines>",
    `<conservatism>${conservatism.toFixed(1)}</conservatism>`,
    "<conservatism-scale>0 = aggressive rewrites, 1 = minimal changes</conservatism-scale>",
    "<instructions>",
    "Address the feedback; preserve what already works; scale the size of the change to the conservatism; stay",
    "consistent with the upstream updates.",
    "</instructions>",
    "</update-guidelines>",
    "<output-format>Return only the new value of the parameter, with no explanation, markdown or quotes.</output-format>",
  ].join("\n");
}
