import { seededRandom } from "../training/seeded-shuffle.js";
import { teaches } from "./concepts.js";
import { hash32 } from "./hash.js";
import { type ExtractedItem, firstNumberOf, readItems, readNote, roundTo, toKg } from "./order-world.js";
import { SimulatedModel, systemText, userText } from "./simulated-model.js";

/** Irreducible noise of the task models. */
export interface TaskNoise {
  /** Chance that the extractor drops a line. Default: 0.03. */
  readonly dropLine?: number;
  /** Chance that the answerer's addition slips. Default: 0.03. */
  readonly slip?: number;
}

const after = (text: string, marker: string) => {
  const at = text.indexOf(marker);
  return at === -1 ? text : text.slice(at + marker.length);
};

/**
 * The first stage: reads the order note in the user message and lists its lines. What it does depends only on
 * what its system prompt teaches, by meaning: converting weights to kilograms (`metric`), leaving out
 * cancelled lines (`cancel`), writing JSON (`jsonOutput`), and, harmfully, rounding the amounts it reads
 * (`round`, unless the prompt also says to keep exact decimals). It drops a line now and then whatever the prompt
 * says (the noise depends on the note only, so a change of prompt that teaches nothing changes nothing).
 */
export function extractorModel(seed: number, noise: TaskNoise = {}): SimulatedModel {
  return new SimulatedModel("sim-extract", (request) => {
    const system = systemText(request);
    const user = userText(request);
    const random = seededRandom(hash32(`${seed}|extract|${user}`));
    const metric = teaches(system, "metric");
    const cancel = teaches(system, "cancel");
    const json = teaches(system, "jsonOutput");
    const round = teaches(system, "round") && !teaches(system, "keepExact");
    const items: ExtractedItem[] = [];
    for (const line of readNote(after(user, "Order note:\n"))) {
      if (random() < (noise.dropLine ?? 0.03)) continue;
      if (cancel && line.cancelled) continue;
      const amount = round ? Math.round(line.amount) : line.amount;
      const weight = metric ? roundTo(toKg(amount, line.unit), 3) : amount;
      items.push({ item: line.item, weight, unit: metric ? "kg" : line.unit });
    }
    if (json) return JSON.stringify(items);
    return items.map((item) => `- ${item.item}: ${item.weight} ${item.unit}`).join("\n");
  });
}

/**
 * The second stage: adds up the weights of the items in the user message (as if they were kilograms) and
 * answers `Total: <n> kg`. It reads JSON only when its system prompt says the items arrive as JSON
 * (`jsonInput`), and lines otherwise; a mismatch gives "I could not read the items.". From lines it takes the
 * first number of each line as the weight, so a product with a number in its name ("- 3-bean mix: 2 kg") is
 * misread; JSON fields are not. A prompt that teaches rounding rounds the total. Its addition slips now and
 * then whatever the prompt says.
 */
export function answererModel(seed: number, noise: TaskNoise = {}): SimulatedModel {
  return new SimulatedModel("sim-answer", (request) => {
    const system = systemText(request);
    const user = userText(request);
    const random = seededRandom(hash32(`${seed}|answer|${user}`));
    const read = readItems(after(user, "Extracted items:\n"));
    const expectsJson = teaches(system, "jsonInput");
    if (read.format === "unreadable" || ((read.format === "json") !== expectsJson && read.items.length > 0)) {
      return "I could not read the items.";
    }
    const weightOf = read.format === "lines" ? firstNumberOf : (item: ExtractedItem) => item.weight;
    let total = read.items.reduce((sum, item) => sum + weightOf(item), 0);
    if (teaches(system, "round") && !teaches(system, "keepExact")) total = Math.round(total);
    if (random() < (noise.slip ?? 0.03)) total += 0.1 * (1 + Math.floor(random() * 5));
    return `Total: ${roundTo(total, 2)} kg`;
  });
}
