import { createHash } from "node:crypto";
import { isParameter, isValue } from "@weft/core";

function canonical(x: unknown, seen: Set<object>): unknown {
  if (isValue(x)) return { $kind: x.kind, payload: canonical(x.isPlaceholder ? null : x.payload, seen) };
  if (isParameter(x)) return { $parameter: canonical(x.value, seen) };
  if (x === undefined) return null;
  if (typeof x === "bigint") return { $bigint: x.toString() };
  if (typeof x === "number" && !Number.isFinite(x)) return { $number: String(x) };
  if (typeof x === "function" || typeof x === "symbol") return { $opaque: String(x) };
  if (x instanceof Uint8Array) return { $bytes: Buffer.from(x).toString("base64") };
  if (x instanceof Date) return { $date: x.toISOString() };
  if (x instanceof Error) return { $error: x.name, message: x.message };
  if (typeof x !== "object" || x === null) return x;
  if (seen.has(x)) throw new TypeError("inputsDigest: the input contains a cycle");
  seen.add(x);
  let out: unknown;
  if (Array.isArray(x)) out = x.map((item) => canonical(item, seen));
  else {
    const record: Record<string, unknown> = {};
    for (const key of Object.keys(x).sort())
      record[key] = canonical((x as Record<string, unknown>)[key], seen);
    out = record;
  }
  seen.delete(x);
  return out;
}

/**
 * SHA-256 hex of an input in canonical form (object keys sorted; Values by kind and payload; Parameters by
 * value). The checkpoint stores it so a resume with different inputs starts over instead of reusing results.
 */
export function inputsDigest(input: unknown): string {
  return createHash("sha256")
    .update(JSON.stringify(canonical(input, new Set())))
    .digest("hex");
}
