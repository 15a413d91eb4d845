import { displayText, isValue, type Meta, MetaKey, Value, ValueKind } from "@weft/core";

/** The payload of a feedback Value: groups of actionable improvement strings (plait-spec 9.1). */
export type FeedbackPayload = string[][];

function strings(items: readonly unknown[]): string[] {
  const out: string[] = [];
  for (const item of items) {
    if (Array.isArray(item)) out.push(...strings(item));
    else if (item !== null && item !== undefined) {
      const text = typeof item === "string" ? item : displayText(item);
      if (text !== "") out.push(text);
    }
  }
  return out;
}

/**
 * Feedback payload from anything (plait-spec 9.1): `null`/`undefined`/`""`/`[]` give `[]`; a Value its
 * payload, normalized; a string `[[s]]`; a list whose elements are all lists gives one group per non-empty
 * list (items stringified, empty strings dropped); any other list one group of its items (nested lists
 * flattened) or `[]`; anything else `[[text]]` (objects as JSON).
 *
 * @example
 * ```ts
 * normalizeFeedbackPayload([["a", "", 1], []]); // [["a", "1"]]
 * normalizeFeedbackPayload(3); // [["3"]]
 * ```
 */
export function normalizeFeedbackPayload(x: unknown): FeedbackPayload {
  if (isValue(x)) return x.isPlaceholder ? [] : normalizeFeedbackPayload(x.isError() ? x.error : x.payload);
  if (x === null || x === undefined || x === "") return [];
  if (typeof x === "string") return [[x]];
  if (Array.isArray(x)) {
    if (x.length === 0) return [];
    if (x.every((item) => Array.isArray(item))) {
      return x.map((group) => strings(group as unknown[])).filter((group) => group.length > 0);
    }
    const group = strings(x);
    return group.length > 0 ? [group] : [];
  }
  const text = displayText(x);
  return text === "" ? [] : [[text]];
}

/** Meta without the tape ids (feedback is data about a run, not part of its tape). */
export function withoutTape(meta: Meta): Meta {
  if (!(MetaKey.tapeIds in meta)) return meta;
  const { [MetaKey.tapeIds]: _dropped, ...rest } = meta;
  return rest;
}

/**
 * A feedback Value (kind STRUCTURED, normalized payload) from anything: a Value keeps its ref and its meta
 * minus `tapeIds`; anything else gets no ref and no meta.
 */
export function normalizeFeedbackValue(x: unknown): Value<FeedbackPayload> {
  if (isValue(x)) {
    return new Value(ValueKind.STRUCTURED, normalizeFeedbackPayload(x), {
      ref: x.ref,
      meta: withoutTape(x.meta),
    });
  }
  return new Value(ValueKind.STRUCTURED, normalizeFeedbackPayload(x));
}

/** The improvement strings of a feedback payload, flattened, trimmed, empty ones dropped. */
export function feedbackActions(x: unknown): string[] {
  return normalizeFeedbackPayload(x)
    .flat()
    .map((action) => action.trim())
    .filter((action) => action !== "");
}

/** `meta.score` when it is a number, else `undefined`. */
export function scoreOf(x: unknown): number | undefined {
  if (!isValue(x)) return undefined;
  const score = x.meta[MetaKey.score];
  return typeof score === "number" ? score : undefined;
}
