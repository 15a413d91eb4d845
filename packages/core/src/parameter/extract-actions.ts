import { isValue } from "../value/value.js";

/**
 * Feedback as a flat list of action strings (plait-spec 4.2): a list of lists is flattened and a flat list
 * stringified, both dropping empty strings; a string gives `[s]` (`[]` when empty); null/undefined give
 * `[]`; a Value gives the actions of its payload; anything else gives `[String(x)]`.
 */
export function extractActions(feedback: unknown): string[] {
  if (isValue(feedback)) return extractActions(feedback.payload);
  if (feedback === null || feedback === undefined) return [];
  if (typeof feedback === "string") return feedback === "" ? [] : [feedback];
  if (Array.isArray(feedback)) {
    const flat = feedback.flatMap((item: unknown) => (Array.isArray(item) ? item : [item]));
    return flat.map((item) => String(item)).filter((item) => item !== "");
  }
  return [String(feedback)];
}
