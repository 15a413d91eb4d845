import { MetaKey, Value, ValueKind } from "@weft/core";
import {
  type FeedbackPayload,
  normalizeFeedbackPayload,
  normalizeFeedbackValue,
  scoreOf,
} from "./normalize.js";

/**
 * Several feedback Values that reached one node, as one (plait-spec 9.5): a single Value is normalized; several
 * have their payloads concatenated in order, and the scores that exist go to `meta.scores` (no `score`).
 * `undefined` when the list is empty.
 */
export function combineFeedback(values: readonly Value[]): Value<FeedbackPayload> | undefined {
  if (values.length === 0) return undefined;
  if (values.length === 1) return normalizeFeedbackValue(values[0]);
  const payload: FeedbackPayload = [];
  const scores: number[] = [];
  for (const value of values) {
    payload.push(...normalizeFeedbackPayload(value));
    const score = scoreOf(value);
    if (score !== undefined) scores.push(score);
  }
  return new Value(ValueKind.STRUCTURED, payload, {
    meta: scores.length > 0 ? { [MetaKey.scores]: scores } : {},
  });
}
