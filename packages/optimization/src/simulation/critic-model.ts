import { pickBy } from "./hash.js";
import { type ExtractedItem, readItems, readNote, readTotal, roundTo, toKg } from "./order-world.js";
import { attribute, tag } from "./prompt-tags.js";
import { SimulatedModel, userText } from "./simulated-model.js";

/** Options of {@link criticModel}. */
export interface CriticOptions {
  /** Write feedback on upstream outputs (false cuts the chain between stages, an ablation). Default: true. */
  readonly blameUpstream?: boolean;
}

type Fix = "metric" | "cancel" | "keepExact";

/** How the critic words each diagnosis: several paraphrases, none of them the updater's. */
const SAYS: Readonly<Record<Fix | "jsonInput" | "recheck", readonly ((item: string) => string)[]>> = {
  metric: [
    () =>
      "Weights given in pounds, ounces or grams were copied unchanged; the instructions should require converting each weight into kilograms.",
    () => "Non-metric units slipped through: ask the model to express every weight in metric kilograms.",
    () => "The prompt should make the model change lb, oz and g values to kg before listing them.",
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
  jsonInput: [
    () =>
      "The items reach this step as a JSON array but the instructions expect plain lines; say that the input is JSON to be parsed.",
    () => "Tell the model that its input arrives in JSON and must be read as such.",
  ],
  recheck: [() => "Double-check the addition of the weights."],
};

const TOLERANCE = 0.011;

function say(fix: keyof typeof SAYS, item: string, key: string): string {
  return pickBy(SAYS[fix], `${key}|${fix}`)(item);
}

function sum(items: readonly ExtractedItem[]): number {
  return roundTo(
    items.reduce((total, item) => total + item.weight, 0),
    3,
  );
}

/** The answer the feedback quotes (`the answer was "..."`), if it quotes one. */
function quotedAnswer(feedback: string): string | undefined {
  return /the answer was "([^"]*)"/.exec(feedback)?.[1];
}

function expectedTotal(feedback: string): number | undefined {
  const match = /expected (?:a )?total (?:of |is )?([\d.]+) ?kg/i.exec(feedback);
  return match ? Number(match[1]) : undefined;
}

/** Critique of the answering stage: its own prompt, or the items it was given. */
function critiqueAnswer(
  user: string,
  kind: string,
  expected: number | undefined,
  blameUpstream: boolean,
): string[] {
  const read = readItems(tag(user, "input").replace(/^Extracted items:\n?/, ""));
  const answered = readTotal(tag(user, "output"));
  if (kind === "system-prompt") {
    if (answered === undefined) return read.format === "json" ? [say("jsonInput", "", user)] : [];
    const visible = sum(read.items);
    if (Math.abs(answered - visible) <= TOLERANCE) return [];
    if (Math.abs(answered - Math.round(visible)) <= TOLERANCE) return [say("keepExact", "", user)];
    return [say("recheck", "", user)];
  }
  if (!blameUpstream || answered === undefined || expected === undefined) return [];
  const visible = sum(read.items);
  if (Math.abs(visible - expected) <= TOLERANCE) return [];
  const notes = [
    `The extracted items add up to ${visible} kg but the expected total is ${expected} kg, so the item list or its weights are wrong.`,
  ];
  const units = [...new Set(read.items.map((item) => item.unit).filter((unit) => unit !== "kg"))];
  if (units.length > 0)
    notes.push(`Some weights are not in kilograms (${units.join(", ")}); they were added as if they were.`);
  return notes;
}

/** What the first stage's output would add up to with the fixes in `fixes` applied, judged from the note. */
function totalWith(items: readonly ExtractedItem[], note: string, fixes: ReadonlySet<Fix>): number {
  const lines = readNote(note);
  let total = 0;
  for (const item of items) {
    const line = lines.find((l) => l.item === item.item);
    if (fixes.has("cancel") && line?.cancelled) continue;
    let weight = item.weight;
    let unit = item.unit;
    if (fixes.has("keepExact") && line) {
      weight = unit === line.unit ? line.amount : toKg(line.amount, line.unit);
      unit = unit === line.unit ? line.unit : "kg";
    }
    total += fixes.has("metric") ? toKg(weight, unit) : weight;
  }
  return roundTo(total, 3);
}

/**
 * Critique of the extracting stage's prompt: it knows the expected total only from its downstream feedback and
 * tests each combination of fixes the evidence allows (non-kilogram units, a cancelled line that was listed,
 * fractional amounts in the note) against it; it names the smallest combination that explains
 * the expected total exactly, and nothing when none does (noise, or feedback about another order).
 */
function critiqueExtract(user: string, expected: number | undefined): string[] {
  if (expected === undefined) return [];
  const note = tag(user, "input").replace(/^Order note:\n?/, "");
  const items = readItems(tag(user, "output")).items;
  const lines = readNote(note);
  const candidates: Fix[] = [];
  if (items.some((item) => item.unit !== "kg")) candidates.push("metric");
  if (items.some((item) => lines.find((l) => l.item === item.item)?.cancelled)) candidates.push("cancel");
  if (items.some((item) => !Number.isInteger(lines.find((l) => l.item === item.item)?.amount ?? 0))) {
    candidates.push("keepExact");
  }
  const subsets = [...Array(2 ** candidates.length).keys()]
    .map((mask) => candidates.filter((_, index) => mask & (1 << index)))
    .filter((subset) => subset.length > 0)
    .sort((a, b) => a.length - b.length);
  for (const subset of subsets) {
    if (Math.abs(totalWith(items, note, new Set(subset)) - expected) <= TOLERANCE) {
      const cancelled =
        lines.find((l) => l.cancelled && items.some((item) => item.item === l.item))?.item ?? "item";
      return subset.map((fix) => say(fix, cancelled, user));
    }
  }
  return [];
}

/**
 * The simulation's critic (the backward model of textual-gradient propagation). It reads weft's critique
 * prompt and can only diagnose from what the prompt shows: the call's input and output, and the expected
 * total, which it learns only from the downstream feedback. Feedback that quotes another answer than the
 * call's output, feedback whose expected total no fix explains, and errors that were noise lead to no
 * diagnosis.
 */
export function criticModel(options: CriticOptions = {}): SimulatedModel {
  const blameUpstream = options.blameUpstream ?? true;
  return new SimulatedModel("sim-critic", (request) => {
    const user = userText(request);
    const step = attribute(user, "call", "step");
    const kind = attribute(user, "variable", "kind");
    const feedback = tag(user, "downstream-feedback");
    const quoted = quotedAnswer(feedback);
    // Feedback that quotes another answer than this call's output is about something else.
    if (quoted !== undefined && quoted !== tag(user, "output")) return "[]";
    const expected = expectedTotal(feedback);
    const notes =
      step === "answer"
        ? critiqueAnswer(user, kind, expected, blameUpstream)
        : step === "extract" && kind === "system-prompt"
          ? critiqueExtract(user, expected)
          : [];
    return JSON.stringify(notes);
  });
}
