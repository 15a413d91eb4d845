import { isPlainObject } from "./plain.js";
import { isValueLike, NO_PAYLOAD, rawPayload } from "./slots.js";

function jsonReplacer(_key: string, x: unknown): unknown {
  if (isValueLike(x)) return rawPayload(x) === NO_PAYLOAD ? null : rawPayload(x);
  if (x instanceof Error) return x.message;
  if (typeof x === "bigint") return x.toString();
  return x;
}

/**
 * The text form of a payload, used by `prompt`, `String(value)` and template literals outside a trace:
 * a string as is; an Error's message; an array or plain object as JSON in insertion order (nested Values
 * replaced by their payloads); anything else through `String()`.
 */
export function displayText(x: unknown): string {
  if (typeof x === "string") return x;
  if (isValueLike(x)) return displayText(rawPayload(x));
  if (x instanceof Error) return x.message;
  if (Array.isArray(x) || isPlainObject(x)) return JSON.stringify(x, jsonReplacer) ?? "";
  return String(x);
}
