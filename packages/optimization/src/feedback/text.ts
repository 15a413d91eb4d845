import { displayText, isValue, MetaKey, type Value } from "@weft/core";
import { feedbackActions } from "./normalize.js";

/** `text` cut to `max` characters, with `"..."` appended when it was longer. */
export function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}...` : text;
}

/** A rough token count (4 characters per token), used for feedback budgets. */
export function approxTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/** The text of a recorded value (a Value's payload as text; an ERROR's message), `""` for nothing. */
export function textOf(x: unknown): string {
  if (x === undefined || x === null) return "";
  if (isValue(x)) {
    if (x.isPlaceholder) return "";
    return displayText(x.isError() ? x.error : x.payload);
  }
  return displayText(x);
}

/** The feedback actions one per line (`- action`), then `Score: s` / `Scores: a, b` when present. */
export function feedbackLines(feedback: Value): string {
  const actions = feedbackActions(feedback);
  const lines = actions.length > 0 ? actions.map((action) => `- ${action}`) : [`- ${textOf(feedback)}`];
  const score = feedback.meta[MetaKey.score];
  const scores = feedback.meta[MetaKey.scores];
  if (typeof score === "number") lines.push(`Score: ${score}`);
  else if (Array.isArray(scores) && scores.length > 0) lines.push(`Scores: ${scores.join(", ")}`);
  return lines.join("\n");
}

/** The name a parameter is shown under: its hierarchical name, else its id. */
export function parameterKey(parameter: {
  readonly hierarchicalName: string | null;
  readonly id: string;
}): string {
  return parameter.hierarchicalName ?? parameter.id;
}

/** Whether a value has any content worth propagating. */
export function hasActions(x: unknown): boolean {
  return isValue(x) && feedbackActions(x).length > 0;
}
