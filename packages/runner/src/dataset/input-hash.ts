import { createHash } from "node:crypto";

/**
 * JSON with object keys sorted at every level, so equal data gives equal text whatever the key order.
 * `undefined` members are dropped and non-finite numbers become `null`, as `JSON.stringify` does.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") {
    const text = JSON.stringify(value);
    return text === undefined ? "null" : text;
  }
  if (Array.isArray(value)) return `[${value.map((entry) => canonicalJson(entry ?? null)).join(",")}]`;
  const json = (value as { toJSON?: () => unknown }).toJSON;
  if (typeof json === "function") return canonicalJson(json.call(value));
  const members: string[] = [];
  for (const key of Object.keys(value).sort()) {
    const member = (value as Record<string, unknown>)[key];
    if (member === undefined || typeof member === "function" || typeof member === "symbol") continue;
    members.push(`${JSON.stringify(key)}:${canonicalJson(member)}`);
  }
  return `{${members.join(",")}}`;
}

/** sha256 (hex) of a dataset entry's canonical JSON: the same data gives the same hash. */
export function inputHash(value: unknown): string {
  return createHash("sha256").update(canonicalJson(value)).digest("hex");
}

/** sha256 (hex) of text exactly as read (for entries that could not be parsed). */
export function textHash(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
