import { type Fix, say } from "./critic-wording.js";
import {
  type ExtractedItem,
  firstNumberOf,
  readItems,
  readNote,
  readTotal,
  roundTo,
  toKg,
} from "./order-world.js";
import { attribute, tag } from "./prompt-tags.js";
import { SimulatedModel, userText } from "./simulated-model.js";

const TOLERANCE = 0.011;
const close = (a: number, b: number) => Math.abs(a - b) <= TOLERANCE;
const sum = (values: readonly number[]) =>
  roundTo(
    values.reduce((total, v) => total + v, 0),
    3,
  );

/** A number the feedback states after `label` ("the expected total is 3.2 kg"), if it states one. */
function stated(feedback: string, label: RegExp): number | undefined {
  const match = new RegExp(`${label.source} ?([\\d.]+) ?kg`, "i").exec(feedback);
  return match ? Number(match[1]) : undefined;
}

const EXPECTED = /expected (?:a )?total (?:of |is )?/;
const ANSWERED = /answer was "?(?:Total: )?/;

/**
 * Critique of the answering stage. Its own prompt is blamed only for what explains the gap between its answer
 * and the expected total from the items it was given (rounding, a slip in the addition), or for items it could
 * not read. Its input (the first stage's output) gets the facts a critic can state from the prompt: the answer,
 * the expected total, how the items add up, and a number in a product name that was taken for a weight.
 */
function critiqueAnswer(user: string, kind: string, feedback: string): string[] {
  const read = readItems(tag(user, "input").replace(/^Extracted items:\n?/, ""));
  const answered = readTotal(tag(user, "output"));
  const expected = stated(feedback, EXPECTED);
  if (answered === undefined) {
    return kind === "system-prompt" && read.format === "json" ? [say("jsonInput", "", user)] : [];
  }
  if (expected === undefined || close(answered, expected)) return [];
  const correct = sum(read.items.map((item) => item.weight));
  const taken = read.format === "lines" ? sum(read.items.map(firstNumberOf)) : correct;
  if (kind === "system-prompt") {
    if (!close(taken, expected)) return [];
    return [say(close(answered, Math.round(taken)) ? "keepExact" : "recheck", "", user)];
  }
  const notes = [`The answer was ${answered} kg but the expected total is ${expected} kg.`];
  const misread = read.items.filter((item) => firstNumberOf(item) !== item.weight);
  if (read.format === "lines" && misread.length > 0 && close(answered, taken) && !close(taken, correct)) {
    const names = misread.map((item) => `'${item.item}'`).join(", ");
    notes.push(
      `The numbers in ${names} were taken as weights; by their weights the items add up to ${correct} kg.`,
    );
  }
  const units = [...new Set(read.items.map((item) => item.unit).filter((unit) => unit !== "kg"))];
  if (units.length > 0) notes.push(`Some weights are not in kilograms (${units.join(", ")}).`);
  return notes;
}

/** The final answer the first stage's items would give with `fixes` applied, judged from the note. */
function answerWith(
  items: readonly ExtractedItem[],
  note: string,
  fixes: ReadonlySet<Fix>,
  misread: boolean,
) {
  const lines = readNote(note);
  const weights: number[] = [];
  for (const item of items) {
    const line = lines.find((l) => l.item === item.item);
    if (fixes.has("cancel") && line?.cancelled) continue;
    let weight = item.weight;
    let unit = item.unit;
    if (fixes.has("keepExact") && line) {
      weight = unit === line.unit ? line.amount : toKg(line.amount, line.unit);
      unit = unit === line.unit ? line.unit : "kg";
    }
    const kg = fixes.has("metric") ? toKg(weight, unit) : weight;
    weights.push(misread && !fixes.has("jsonOutput") ? firstNumberOf({ ...item, weight: kg }) : kg);
  }
  return sum(weights);
}

/**
 * Critique of the extracting stage's prompt. It learns the expected total and the answer only from its
 * downstream feedback, lists the fixes its own evidence allows (non-kilogram units, a cancelled line that was
 * listed, fractional amounts in the note, a product name with a number when the answer shows it was taken for
 * the weight), and names the smallest combination that turns the answer into the expected total exactly;
 * nothing when none does (noise, or feedback about another order).
 */
function critiqueExtract(user: string, feedback: string): string[] {
  const expected = stated(feedback, EXPECTED);
  const answered = stated(feedback, ANSWERED);
  if (expected === undefined || answered === undefined) return [];
  const note = tag(user, "input").replace(/^Order note:\n?/, "");
  const output = readItems(tag(user, "output"));
  const items = output.items;
  const lines = readNote(note);
  const candidates: Fix[] = [];
  if (items.some((item) => item.unit !== "kg")) candidates.push("metric");
  if (items.some((item) => lines.find((l) => l.item === item.item)?.cancelled)) candidates.push("cancel");
  if (items.some((item) => !Number.isInteger(lines.find((l) => l.item === item.item)?.amount ?? 0))) {
    candidates.push("keepExact");
  }
  const numbered = items.find((item) => firstNumberOf(item) !== item.weight);
  const misread =
    output.format === "lines" &&
    numbered !== undefined &&
    close(answered, answerWith(items, note, new Set(), true));
  if (misread) candidates.push("jsonOutput");
  const subsets = [...Array(2 ** candidates.length).keys()]
    .map((mask) => candidates.filter((_, index) => mask & (1 << index)))
    .filter((subset) => subset.length > 0)
    .sort((a, b) => a.length - b.length);
  const explaining = subsets.find((subset) =>
    close(answerWith(items, note, new Set(subset), misread), expected),
  );
  if (!explaining) return [];
  const cancelled =
    lines.find((l) => l.cancelled && items.some((item) => item.item === l.item))?.item ?? "item";
  return explaining.map((fix) => say(fix, fix === "jsonOutput" ? (numbered?.item ?? "") : cancelled, user));
}

/**
 * The simulation's critic (the backward model of textual-gradient propagation). It reads weft's critique
 * prompt and diagnoses only from what the prompt shows: the call's input and output, and the downstream
 * feedback. A mistake is named only when it explains the gap between the output and the expected total the
 * feedback states; feedback about another sample, or an error that was noise, explains nothing and gets no
 * diagnosis (or, by coincidence, a wrong one).
 */
export function criticModel(): SimulatedModel {
  return new SimulatedModel("sim-critic", (request) => {
    const user = userText(request);
    const step = attribute(user, "call", "step");
    const kind = attribute(user, "variable", "kind");
    const feedback = tag(user, "downstream-feedback");
    const notes =
      step === "answer"
        ? critiqueAnswer(user, kind, feedback)
        : step === "extract" && kind === "system-prompt"
          ? critiqueExtract(user, feedback)
          : [];
    return JSON.stringify(notes);
  });
}
