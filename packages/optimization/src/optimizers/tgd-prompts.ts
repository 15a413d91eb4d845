import type { UpstreamChange } from "./optimizer-types.js";
import { valueText } from "./parameter-text.js";
import { upstreamBlock } from "./sfa-prompts.js";
import type { HistoryEntry } from "./step-result.js";

/** The tags the new value must come between. */
export const IMPROVED_OPEN = "<IMPROVED_VARIABLE>";
export const IMPROVED_CLOSE = "</IMPROVED_VARIABLE>";

/** The TGD updater's system prompt (TextGrad's optimizer role, in weft's words). */
export const TGD_SYSTEM_PROMPT = [
  "You are part of an optimization system that improves text: prompts, instructions, solutions.",
  "You receive feedback on one variable; the feedback can be noisy, so decide what matters and what is right.",
  "Pay attention to the variable's role and to how it is used.",
  `Return the improved variable between ${IMPROVED_OPEN} and ${IMPROVED_CLOSE}: that text replaces the variable as is.`,
].join(" ");

/** What the TGD prompt is built from. */
export interface TGDPromptParts {
  readonly key: string;
  readonly description: string | null;
  readonly value: unknown;
  readonly feedback: readonly string[];
  readonly upstream: readonly UpstreamChange[];
  /** Past values of the variable with the feedback they got (momentum), oldest first. */
  readonly past: readonly HistoryEntry[];
  readonly constraints: readonly string[];
  readonly examples: readonly string[];
}

function pastBlock(past: readonly HistoryEntry[]): string {
  if (past.length === 0) return "";
  return [
    "<past-iterations>",
    ...past.map((entry) =>
      [
        `<iteration step="${entry.step}"${entry.score === undefined ? "" : ` score="${entry.score}"`} committed="${entry.committed ? "yes" : "no"}">`,
        `<value>${valueText(entry.value)}</value>`,
        "<feedback>",
        ...entry.feedback.map((item) => `- ${item}`),
        "</feedback>",
        `<became>${valueText(entry.next)}</became>`,
        "</iteration>",
      ].join("\n"),
    ),
    "<note>When similar feedback repeats across iterations, the earlier changes were too small: make a bigger change.</note>",
    "</past-iterations>",
  ].join("\n");
}

/**
 * The TGD update prompt: `<role>`, `<name>`, `<variable>`, `<feedback>` items, the upstream block,
 * `<past-iterations>` (momentum: past values, the feedback they got and what they became), `<constraints>`,
 * `<examples>`, then the instructions with the output tags.
 */
export function tgdPrompt(parts: TGDPromptParts): string {
  const sections = [
    `<role>${parts.description ?? "a text parameter"}</role>`,
    `<name>${parts.key}</name>`,
    `<variable>${valueText(parts.value)}</variable>`,
    parts.feedback.length > 0
      ? ["<feedback>", ...parts.feedback.map((item) => `<item>${item}</item>`), "</feedback>"].join("\n")
      : "<feedback>No feedback on this variable in this step; only keep it consistent with the upstream updates.</feedback>",
    upstreamBlock(parts.upstream),
    pastBlock(parts.past),
    parts.constraints.length > 0
      ? [
          "<constraints>",
          ...parts.constraints.map((c) => `<constraint>${c}</constraint>`),
          "</constraints>",
        ].join("\n")
      : "",
    parts.examples.length > 0
      ? ["<examples>", ...parts.examples.map((e) => `<example>${e}</example>`), "</examples>"].join("\n")
      : "",
    "<instructions>",
    "Improve the variable using the feedback, respecting every constraint.",
    `Reply with the improved variable between ${IMPROVED_OPEN} and ${IMPROVED_CLOSE}.`,
    "</instructions>",
  ];
  return sections.filter((section) => section !== "").join("\n");
}

/** The text between the output tags, or `undefined` when the reply does not have them. */
export function parseImproved(reply: string): string | undefined {
  const start = reply.indexOf(IMPROVED_OPEN);
  const end = reply.indexOf(IMPROVED_CLOSE, start + IMPROVED_OPEN.length);
  if (start === -1 || end === -1) return undefined;
  const value = reply.slice(start + IMPROVED_OPEN.length, end).trim();
  return value === "" ? undefined : value;
}

/** The repair turn asked once when a reply has no tags. */
export const REPAIR_PROMPT = `Your reply did not contain the improved variable between ${IMPROVED_OPEN} and ${IMPROVED_CLOSE}. Reply again with only the improved variable between those tags.`;
