import { seededRandom } from "../training/seeded-shuffle.js";

/** A unit of weight in an order note. */
export type WeightUnit = "kg" | "g" | "lb" | "oz";

/** One line of an order. */
export interface OrderLine {
  readonly item: string;
  readonly amount: number;
  readonly unit: WeightUnit;
  /** The customer cancelled it later in the note. */
  readonly cancelled: boolean;
}

/** One order: the note the pipeline reads and the total weight it should answer. */
export interface Order {
  readonly note: string;
  readonly lines: readonly OrderLine[];
  /** Kilograms of the lines that were not cancelled, to 2 decimals. */
  readonly total: number;
}

const KG_PER: Readonly<Record<WeightUnit, number>> = { kg: 1, g: 0.001, lb: 0.4536, oz: 0.02835 };
const ITEMS = [
  "rice",
  "flour",
  "apples",
  "coffee",
  "sugar",
  "pasta",
  "lentils",
  "oats",
  "potatoes",
  "cheese",
  "tea",
];
/** Products whose names carry a number, which a careless reader of `- name: weight` lines takes for the weight. */
const NUMBERED_ITEMS = [
  "7-grain cereal",
  "3-bean mix",
  "5-spice powder",
  "2-minute noodles",
  "9-grain bread",
];
const CANCELLATIONS = [
  (item: string) => `Please cancel the ${item}.`,
  (item: string) => `The ${item} is cancelled.`,
  (item: string) => `Cancel the ${item}, please.`,
  (item: string) => `I cancelled the ${item} this morning.`,
];

/** `amount` of `unit` in kilograms. */
export function toKg(amount: number, unit: string): number {
  return amount * (KG_PER[unit as WeightUnit] ?? 1);
}

/** A number with at most `digits` decimals, as JavaScript prints it. */
export function roundTo(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

function amountFor(unit: WeightUnit, random: () => number): number {
  const pick = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  if (unit === "kg") return random() < 0.15 ? roundTo(pick(5, 49) / 10, 1) : pick(1, 5);
  if (unit === "g") return 50 * pick(2, 18);
  if (unit === "lb") return random() < 0.15 ? pick(1, 5) + 0.5 : pick(1, 6);
  return 2 * pick(2, 16);
}

function unitFor(random: () => number): WeightUnit {
  const r = random();
  return r < 0.45 ? "kg" : r < 0.65 ? "g" : r < 0.85 ? "lb" : "oz";
}

/**
 * `count` orders from `seed`: 2 to 4 lines in kilograms, grams, pounds or ounces (some kilogram and pound
 * amounts have decimals), in 60% of them a product whose name carries a number ("7-grain cereal"), and in 30%
 * one line cancelled by a later sentence of the note.
 */
export function generateOrders(count: number, seed: number): Order[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, index) => {
    const size = 2 + Math.floor(random() * 3);
    const names = [...ITEMS].sort(() => random() - 0.5).slice(0, size);
    if (random() < 0.6) {
      names[Math.floor(random() * size)] = NUMBERED_ITEMS[
        Math.floor(random() * NUMBERED_ITEMS.length)
      ] as string;
    }
    const cancelAt = random() < 0.3 ? Math.floor(random() * size) : -1;
    const lines = names.map((item, position) => {
      const unit = unitFor(random);
      return { item, amount: amountFor(unit, random), unit, cancelled: position === cancelAt };
    });
    const listed = lines.map((line) => `${line.amount} ${line.unit} of ${line.item}`).join(", ");
    const cancelled = lines.find((line) => line.cancelled);
    const cancelText = cancelled ? ` ${CANCELLATIONS[index % CANCELLATIONS.length]?.(cancelled.item)}` : "";
    const total = roundTo(
      lines.filter((line) => !line.cancelled).reduce((sum, line) => sum + toKg(line.amount, line.unit), 0),
      2,
    );
    return { note: `Order ${100 + index}: ${listed}.${cancelText}`, lines, total };
  });
}

/** The lines of a note this world wrote (what a model "reads"); `[]` for anything else. */
export function readNote(note: string): OrderLine[] {
  const match = /^Order \d+: (.*?)\.(?:\s(.*))?$/.exec(note.trim());
  const body = match?.[1] ?? "";
  const tail = match?.[2] ?? "";
  const lines = body
    .split(", ")
    .map((part) => /^([\d.]+) (kg|g|lb|oz) of ([\w -]+)$/.exec(part))
    .filter((line): line is RegExpExecArray => line !== null);
  return lines.map((line) => ({
    item: line[3] as string,
    amount: Number(line[1]),
    unit: line[2] as WeightUnit,
    cancelled: /cancel/i.test(tail) && new RegExp(`\\b${line[3]}\\b`).test(tail),
  }));
}

/** An extracted item as the pipeline's first stage writes it. */
export interface ExtractedItem {
  readonly item: string;
  readonly weight: number;
  readonly unit: string;
}

/** Extracted items from a first-stage output: a JSON array, or `- item: weight unit` lines. */
export function readItems(text: string): {
  readonly format: "json" | "lines" | "unreadable";
  readonly items: ExtractedItem[];
} {
  const trimmed = text.trim();
  if (trimmed.startsWith("[")) {
    try {
      const parsed = JSON.parse(trimmed) as unknown;
      if (Array.isArray(parsed)) {
        return {
          format: "json",
          items: parsed.map((entry) => ({
            item: String((entry as ExtractedItem).item),
            weight: Number((entry as ExtractedItem).weight),
            unit: String((entry as ExtractedItem).unit),
          })),
        };
      }
    } catch {
      return { format: "unreadable", items: [] };
    }
  }
  const lines = trimmed === "" ? [] : trimmed.split("\n");
  const items = lines
    .map((line) => /^- ([\w -]+): ([\d.]+) (\w+)$/.exec(line.trim()))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({ item: match[1] as string, weight: Number(match[2]), unit: match[3] as string }));
  return items.length === lines.length ? { format: "lines", items } : { format: "unreadable", items: [] };
}

/**
 * The weight a careless reader takes from a `- name: weight unit` line: the first number on it, which is the
 * number in the product's name when it has one ("- 7-grain cereal: 1.5 kg" reads as 7).
 */
export function firstNumberOf(item: ExtractedItem): number {
  const inName = /\d+(?:\.\d+)?/.exec(item.item);
  return inName ? Number(inName[0]) : item.weight;
}

/** The answer's total, or `undefined` when it gave none. */
export function readTotal(answer: string): number | undefined {
  const match = /Total: (-?[\d.]+) kg/.exec(answer);
  return match ? Number(match[1]) : undefined;
}
