import { pickBy } from "./hash.js";

/** The first-stage fixes the critic can name. @internal */
export type Fix = "metric" | "cancel" | "keepExact" | "jsonOutput";

/** How the critic words each diagnosis: several paraphrases, none of them the updater's. */
const SAYS: Readonly<Record<Fix | "jsonInput" | "recheck", readonly ((item: string) => string)[]>> = {
  metric: [
    () =>
      "Weights given in pounds, ounces or grams were copied unchanged; the instructions should require converting each weight into kilograms.",
    () => "Non-metric units slipped through: ask the model to express every weight in metric kilograms.",
  ],
  cancel: [
    (item) =>
      `The note cancels the ${item}, yet it was still listed: the instructions should say to leave out anything the customer cancelled.`,
    () => "Cancelled lines must not be counted; tell the model to drop every item the customer cancelled.",
    (item) => `Add a rule to exclude items that were cancelled in the note (here the ${item}).`,
  ],
  keepExact: [
    () =>
      "Weights were rounded to whole numbers and the total lost precision; remove the rounding instruction and keep exact decimals.",
    () => "Do not round the weights: the exact decimal values are needed.",
    () => "Rounding to the nearest whole number causes the error; stop rounding and keep the decimals.",
  ],
  jsonOutput: [
    (item) =>
      `The next step took the number in '${item}' for its weight; emit the items as JSON objects with separate item, weight and unit fields.`,
    () => "Write the list as structured records, one object per item, so that names and weights stay apart.",
    (item) =>
      `The line format is ambiguous for '${item}'; produce a JSON array with each weight in its own field.`,
  ],
  jsonInput: [
    () =>
      "The items reach this step as a JSON array but the instructions expect plain lines; say that the input is JSON to be parsed.",
    () => "Tell the model that its input arrives in JSON and must be read as such.",
  ],
  recheck: [() => "Double-check the addition of the weights."],
};

/** One paraphrase of `fix`, chosen by the prompt (`key`), mentioning `item` where it fits. @internal */
export function say(fix: keyof typeof SAYS, item: string, key: string): string {
  return pickBy(SAYS[fix], `${key}|${fix}`)(item);
}
