import type { SeededRandom } from "../random/seeded-random.js";

const WORDS = [
  "amber",
  "brook",
  "cedar",
  "delta",
  "ember",
  "fable",
  "grove",
  "harbor",
  "iris",
  "juniper",
  "kestrel",
  "lumen",
  "meadow",
  "nimbus",
  "orchard",
  "pebble",
  "quill",
  "river",
  "summit",
  "thistle",
  "umber",
  "vale",
  "willow",
  "yarrow",
  "zephyr",
];

/** A lower-case word from a fixed list. */
export function word(random: SeededRandom): string {
  return random.pick(WORDS);
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

function date(random: SeededRandom): string {
  return `${random.int(2000, 2030)}-${pad(random.int(1, 12))}-${pad(random.int(1, 28))}`;
}

function time(random: SeededRandom): string {
  return `${pad(random.int(0, 23))}:${pad(random.int(0, 59))}:${pad(random.int(0, 59))}Z`;
}

function uuid(random: SeededRandom): string {
  const hex = random.hex(32);
  const variant = "89ab"[random.int(0, 3)];
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const GENERATORS: Readonly<Record<string, (random: SeededRandom) => string>> = {
  "date-time": (r) => `${date(r)}T${time(r)}`,
  date,
  time,
  email: (r) => `${word(r)}.${word(r)}@example.com`,
  uri: (r) => `https://example.com/${word(r)}/${r.int(1, 999)}`,
  url: (r) => `https://example.com/${word(r)}/${r.int(1, 999)}`,
  "uri-reference": (r) => `/${word(r)}/${r.int(1, 999)}`,
  uuid,
  hostname: (r) => `${word(r)}.example.com`,
  ipv4: (r) => [r.int(1, 223), r.int(0, 255), r.int(0, 255), r.int(1, 254)].join("."),
  ipv6: (r) => `2001:db8::${r.hex(4)}:${r.hex(4)}`,
  duration: (r) => `P${r.int(1, 30)}DT${r.int(0, 23)}H`,
};

const CHECKS: Readonly<Record<string, RegExp>> = {
  "date-time": /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/,
  date: /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/,
  time: /^\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/,
  email: /^[^\s@]+@[^\s@]+\.[^\s@]+$/,
  uri: /^[a-zA-Z][a-zA-Z\d+.-]*:[^\s]*$/,
  url: /^[a-zA-Z][a-zA-Z\d+.-]*:[^\s]*$/,
  "uri-reference": /^[^\s]*$/,
  uuid: /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
  hostname:
    /^(?=.{1,253}$)[a-zA-Z\d]([a-zA-Z\d-]{0,61}[a-zA-Z\d])?(\.[a-zA-Z\d]([a-zA-Z\d-]{0,61}[a-zA-Z\d])?)*$/,
  ipv4: /^((25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(25[0-5]|2[0-4]\d|1?\d?\d)$/,
  ipv6: /^[0-9a-fA-F:.]+$/,
  duration: /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/,
};

/** The string formats the generator and the validator know. Unknown formats are plain strings. */
export const KNOWN_FORMATS: readonly string[] = Object.keys(GENERATORS);

/** A value of `format`, or undefined when the format is unknown. */
export function generateFormat(format: string, random: SeededRandom): string | undefined {
  return GENERATORS[format]?.(random);
}

/** Whether `value` is a valid `format` string; unknown formats accept anything, as JSON Schema says. */
export function matchesFormat(format: string, value: string): boolean {
  const check = CHECKS[format];
  if (!check) return true;
  if (!check.test(value)) return false;
  if (format === "date" || format === "date-time") return !Number.isNaN(Date.parse(value.slice(0, 10)));
  return true;
}
