import type { TraceEvent } from "./trace-types.js";
import type { TraceIssue } from "./validate-trace.js";

const PHASES: ReadonlySet<string> = new Set([
  "B",
  "E",
  "X",
  "i",
  "I",
  "C",
  "M",
  "b",
  "e",
  "n",
  "s",
  "t",
  "f",
]);
const METADATA_NAMES: ReadonlySet<string> = new Set([
  "process_name",
  "process_labels",
  "process_sort_index",
  "thread_name",
  "thread_sort_index",
]);

const isFiniteNumber = (value: unknown): value is number =>
  typeof value === "number" && Number.isFinite(value);
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Checks each event's own fields; returns the events sound enough for the pairing checks, with their indices. */
export function checkEventFields(
  events: readonly unknown[],
  issues: TraceIssue[],
): { event: TraceEvent; index: number }[] {
  const valid: { event: TraceEvent; index: number }[] = [];
  events.forEach((raw, index) => {
    const problems = problemsOf(raw);
    for (const message of problems) issues.push({ index, message });
    if (problems.length === 0) valid.push({ event: raw as TraceEvent, index });
  });
  return valid;
}

function problemsOf(raw: unknown): string[] {
  if (!isObject(raw)) return ["not an object"];
  const problems: string[] = [];
  const { ph, name, ts, pid, tid, args } = raw;
  if (typeof ph !== "string" || !PHASES.has(ph)) return [`unknown phase ${JSON.stringify(ph)}`];
  if (typeof name !== "string") problems.push("name is not a string");
  if (!isFiniteNumber(ts)) problems.push("ts is not a finite number");
  if (!Number.isInteger(pid)) problems.push("pid is not an integer");
  if (!Number.isInteger(tid)) problems.push("tid is not an integer");
  if (raw.cat !== undefined && typeof raw.cat !== "string") problems.push("cat is not a string");
  if (args !== undefined && !isObject(args)) problems.push("args is not an object");
  switch (ph) {
    case "X":
      if (!isFiniteNumber(raw.dur) || raw.dur < 0) problems.push("X event without a non-negative dur");
      break;
    case "C":
      if (!isObject(args) || Object.keys(args).length === 0) problems.push("counter without args");
      else if (!Object.values(args).every(isFiniteNumber)) problems.push("counter args must all be numbers");
      break;
    case "M":
      if (typeof name !== "string" || !METADATA_NAMES.has(name))
        problems.push(`unknown metadata event ${name}`);
      else if (name.endsWith("_name") && typeof (args as { name?: unknown } | undefined)?.name !== "string") {
        problems.push(`${name} without args.name`);
      } else if (
        name.endsWith("_sort_index") &&
        !Number.isInteger((args as { sort_index?: unknown })?.sort_index)
      ) {
        problems.push(`${name} without an integer args.sort_index`);
      }
      break;
    case "i":
    case "I":
      if (raw.s !== undefined && raw.s !== "g" && raw.s !== "p" && raw.s !== "t")
        problems.push("instant scope not g, p or t");
      break;
    case "b":
    case "e":
    case "n":
    case "s":
    case "t":
    case "f":
      if (typeof raw.id !== "string" && !isFiniteNumber(raw.id)) problems.push(`${ph} event without an id`);
      if (typeof raw.cat !== "string") problems.push(`${ph} event without a cat`);
      if (ph === "f" && raw.bp !== undefined && raw.bp !== "e")
        problems.push('flow binding point other than "e"');
      break;
    default:
      break;
  }
  return problems;
}
