/**
 * The simulation's sense of meaning: texts are split into sentences and words, words are reduced to stems,
 * and a concept is a set of alternative stems (synonyms). A skill is taught by a sentence that mentions
 * every concept of the skill; negated sentences ("do not", "never") count as the opposite. No magic tokens:
 * any paraphrase built from the synonyms matches.
 */

const SUFFIXES = ["ations", "ation", "ings", "ing", "ied", "ies", "ed", "es", "s"];

/** A rough stem: lower case, common suffixes stripped, doubled final consonants undone. */
export function stem(word: string): string {
  let w = word.toLowerCase();
  for (const suffix of SUFFIXES) {
    if (w.length > suffix.length + 2 && w.endsWith(suffix)) {
      w = w.slice(0, -suffix.length);
      break;
    }
  }
  if (/([bdglmnprt])\1$/.test(w)) w = w.slice(0, -1);
  if (w.length > 3 && w.endsWith("e")) w = w.slice(0, -1);
  return w;
}

/** Sentences of a text (split on `.`, `;`, `!`, `?`, `:` and line breaks). */
export function sentences(text: string): string[] {
  return text
    .split(/(?<=[.;!?:])\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

/** The stems of a sentence's words (and of hyphenated parts). */
export function stems(sentence: string): Set<string> {
  return new Set(
    sentence
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter((w) => w !== "")
      .map(stem),
  );
}

/** A concept: alternative words; matched by stem. */
export type Concept = readonly string[];

/** Whether a sentence's stems contain one word of `concept`. */
export function mentions(words: ReadonlySet<string>, concept: Concept): boolean {
  return concept.some((word) => words.has(stem(word)));
}

const NEGATION = new Set([
  "not",
  "never",
  "no",
  "don",
  "dont",
  "doesn",
  "avoid",
  "avoids",
  "without",
  "stop",
  "nor",
]);

/** Whether the sentence is negated (judged on its words as written, not on stems: "note" is not "not"). */
export function negated(sentence: string): boolean {
  return sentence
    .toLowerCase()
    .split(/[^a-z]+/)
    .some((word) => NEGATION.has(word));
}

/**
 * Concepts of the simulated world. Every concept has several words, so a skill is never tied to one token:
 * "return structured records" teaches writing JSON as well as "output JSON" does.
 */
export const CONCEPTS = {
  convert: ["convert", "express", "translate", "change", "turn", "transform", "rewrite"],
  kilograms: ["kilogram", "kilo", "kg", "metric", "si"],
  cancelled: ["cancel", "cancelled", "canceled", "cancellation", "withdrawn", "retracted", "revoked", "void"],
  exclude: ["exclude", "omit", "drop", "skip", "ignore", "remove", "leave", "left", "discard", "filter"],
  include: ["include", "list", "keep", "mention", "output", "report"],
  /** A structured, machine-readable format: named by its name or described (records, objects, fields, arrays). */
  json: ["json", "structured", "array", "object", "field", "record", "machine"],
  emit: ["output", "emit", "write", "return", "produce", "format", "give", "answer", "respond", "list"],
  read: ["read", "parse", "arrive", "expect", "input", "receive", "given", "come", "decode", "interpret"],
  round: ["round", "rounding", "integer", "whole"],
  precise: ["exact", "precise", "precision", "decimal", "decimals", "remove", "drop", "stop", "keep"],
  check: ["double", "check", "verify", "recheck", "recompute"],
  arithmetic: ["addition", "arithmetic", "sum", "add", "total"],
} as const satisfies Record<string, Concept>;

/** The fixes of the world, each a meaning several paraphrases can carry. */
export type Skill = "metric" | "cancel" | "jsonOutput" | "jsonInput" | "round" | "keepExact" | "recheck";

/** Whether one sentence carries `skill` (negation handled per skill). */
export function sentenceCarries(sentence: string, skill: Skill): boolean {
  const w = stems(sentence);
  const no = negated(sentence);
  switch (skill) {
    case "metric":
      return !no && mentions(w, CONCEPTS.convert) && mentions(w, CONCEPTS.kilograms);
    case "cancel":
      return (
        mentions(w, CONCEPTS.cancelled) &&
        (mentions(w, CONCEPTS.exclude) || (no && mentions(w, CONCEPTS.include)))
      );
    case "jsonOutput":
      return !no && mentions(w, CONCEPTS.json) && mentions(w, CONCEPTS.emit) && !mentions(w, CONCEPTS.read);
    case "jsonInput":
      return !no && mentions(w, CONCEPTS.json) && mentions(w, CONCEPTS.read);
    case "round":
      return !no && mentions(w, CONCEPTS.round) && !mentions(w, CONCEPTS.precise);
    case "keepExact":
      return mentions(w, CONCEPTS.round) && (no || mentions(w, CONCEPTS.precise));
    case "recheck":
      return mentions(w, CONCEPTS.check) && mentions(w, CONCEPTS.arithmetic);
  }
}

/** Whether a text teaches `skill`: some sentence carries it. */
export function teaches(text: string, skill: Skill): boolean {
  return sentences(text).some((sentence) => sentenceCarries(sentence, skill));
}
