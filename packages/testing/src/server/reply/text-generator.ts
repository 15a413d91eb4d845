import type { SeededRandom } from "../../random/seeded-random.js";

const VOCABULARY = [
  "the",
  "model",
  "answers",
  "with",
  "a",
  "short",
  "deterministic",
  "reply",
  "about",
  "your",
  "request",
  "weft",
  "mock",
  "server",
  "tokens",
  "flow",
  "through",
  "each",
  "node",
  "of",
  "graph",
  "and",
  "every",
  "value",
  "is",
  "traced",
  "carefully",
  "while",
  "limits",
  "keep",
  "calls",
  "steady",
  "under",
  "load",
];

/** A few sentences of deterministic filler text: 8 to 32 words drawn from a fixed vocabulary. */
export function generateText(random: SeededRandom): string {
  const wordCount = random.int(8, 32);
  const sentences: string[] = [];
  let sentence: string[] = [];
  for (let i = 0; i < wordCount; i++) {
    sentence.push(random.pick(VOCABULARY));
    if (sentence.length >= 4 && (random.chance(0.2) || i === wordCount - 1)) {
      const text = sentence.join(" ");
      sentences.push(`${text.charAt(0).toUpperCase()}${text.slice(1)}.`);
      sentence = [];
    }
  }
  if (sentence.length > 0) sentences.push(`${sentence.join(" ")}.`);
  return sentences.join(" ");
}
