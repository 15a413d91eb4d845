import type { Skill } from "./concepts.js";

/** The fixes an updater can write into a prompt. */
export type WritableFix = Exclude<Skill, "round">;

/**
 * How the simulation's updater writes each fix into a prompt: several paraphrases (chosen per parameter and
 * step), none of them the critic's wording. The same sentences are the helpful part of {@link CATALOGUE}.
 */
export const FIX_SENTENCES: Readonly<Record<WritableFix, readonly string[]>> = {
  metric: [
    "Convert every weight given in pounds, ounces or grams into kilograms.",
    "Express all weights in kilograms, changing lb, oz and g to kg.",
  ],
  cancel: [
    "Leave out any item the customer cancelled.",
    "Omit items that were cancelled later in the note.",
    "Exclude every cancelled line from the list.",
  ],
  keepExact: [
    "Keep the exact decimal weights; never round them.",
    "Use precise decimals for every weight instead of rounding.",
  ],
  jsonOutput: [
    "Write the items as a JSON array of objects with item, weight and unit fields.",
    "Return the list as structured records, one object per item, so names and weights are separate fields.",
    "Output the items in JSON format.",
  ],
  jsonInput: [
    "The items arrive as a JSON array: parse it before adding the weights.",
    "Read the input as JSON records and take each weight from its field.",
    "Expect the extracted items in JSON and parse them.",
  ],
  recheck: ["Double-check the arithmetic.", "Verify the sum before answering."],
};

/** Instructions that hurt the task wherever they are added. */
const HARMFUL = [
  "Round every weight to a whole number.",
  "Round the total to the nearest integer.",
  "Give the total rounded to a whole number of kilograms.",
];

const OPENERS = [
  "Pay attention to",
  "Take care with",
  "Be consistent about",
  "Do not comment on",
  "Keep a neutral tone about",
  "Stay brief about",
];
const TOPICS = [
  "greetings in the note",
  "the order number",
  "the customer's name",
  "spelling mistakes",
  "the delivery date",
  "item names",
  "the note's punctuation",
  "repeated words",
  "capital letters",
  "polite phrases",
  "abbreviations",
  "line breaks",
  "the store name",
  "the payment method",
];

/** Instructions that change nothing this task's models care about: a few written out, most combined. */
const NEUTRAL = [
  ...OPENERS.flatMap((opener) => TOPICS.map((topic) => `${opener} ${topic}.`)),
  "Be concise.",
  "Think step by step before answering.",
  "Use a friendly tone.",
  "Answer on a single line.",
  "List the items in alphabetical order.",
  "Use British spelling.",
  "Mention each item only once.",
  "Ignore greetings and signatures in the note.",
  "Keep item names exactly as the customer wrote them.",
  "Do not add commentary.",
  "Treat the note as written by a regular customer.",
  "Prefer short sentences.",
  "Never invent items that are not in the note.",
  "Stay polite even when the note is rude.",
  "Copy the order number if it helps.",
  "Answer in English.",
  "Take care with long notes.",
  "Be consistent from one order to the next.",
];

/**
 * Every instruction a random editor may add: the helpful fix sentences (for either stage; most help only one
 * stage, and writing JSON upstream helps only with reading JSON downstream), harmful ones, and a majority of
 * neutral ones. The random-edits ablation draws from it with the full loop's step budget and commit policy.
 */
export const CATALOGUE: readonly string[] = [...Object.values(FIX_SENTENCES).flat(), ...HARMFUL, ...NEUTRAL];
