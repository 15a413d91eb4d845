import { isModule, isParameter, isValue, isValueRef, type Value } from "@weft/core";
import { jsonSchemaOf } from "../check/json-schema-of.js";
import { isPlainRecord } from "../graph/structure.js";
import { isOpaqueObject } from "../serialize/encode-data.js";

const MAX_DEPTH = 12;

function isZod(x: object): boolean {
  return typeof (x as { safeParse?: unknown }).safeParse === "function" && "_zod" in x;
}

function bytesHex(x: Uint8Array | ArrayBuffer): string {
  return Buffer.from(x instanceof ArrayBuffer ? new Uint8Array(x) : x).toString("hex");
}

/**
 * Stable text of any data for hashing: JSON with sorted keys, where a `ValueRef` becomes
 * `{"$ref": refHash(ref)}` (so ids never enter a hash), a literal Value its kind, payload and meta, a
 * Parameter its value, a zod schema its JSON Schema, a Module its class name, and values JSON cannot hold
 * (undefined, NaN, bigint, bytes, Errors, Dates, class instances) a tagged object. Cycles and nesting
 * deeper than 12 levels are cut with a marker. @internal
 */
export function canonical(x: unknown, refHash: (ref: string) => string): string {
  return write(x, refHash, new Set(), 0);
}

function write(x: unknown, refHash: (ref: string) => string, seen: Set<object>, depth: number): string {
  if (x === null || typeof x === "string" || typeof x === "boolean") return JSON.stringify(x);
  if (typeof x === "number") return Number.isFinite(x) ? JSON.stringify(x) : `{"$number":"${x}"}`;
  if (x === undefined) return '{"$undefined":true}';
  if (typeof x === "bigint") return `{"$bigint":"${x}"}`;
  if (typeof x === "function") return `{"$fn":${JSON.stringify(String(x))}}`;
  if (typeof x === "symbol") return `{"$symbol":${JSON.stringify(x.description ?? "")}}`;
  if (isValueRef(x)) return `{"$ref":${JSON.stringify(refHash(x.ref))}}`;
  if (seen.has(x) || depth > MAX_DEPTH) return '{"$cut":true}';
  seen.add(x);
  try {
    const next = (y: unknown) => write(y, refHash, seen, depth + 1);
    if (isValue(x)) return writeValue(x, next);
    if (isParameter(x)) return `{"$param":${next(x.value)}}`;
    if (isModule(x)) return `{"$module":${JSON.stringify(x.constructor.name)}}`;
    if (Array.isArray(x)) return `[${x.map(next).join(",")}]`;
    if (isPlainRecord(x)) return writeRecord(x, next);
    if (x instanceof Uint8Array || x instanceof ArrayBuffer) return `{"$bytes":"${bytesHex(x)}"}`;
    if (x instanceof Error) return `{"$error":${next({ name: x.name, message: x.message })}}`;
    if (x instanceof Date)
      return `{"$date":${JSON.stringify(Number.isNaN(x.getTime()) ? null : x.toISOString())}}`;
    if (isZod(x)) return `{"$schema":${next(jsonSchemaOf(x as never))}}`;
    if (isOpaqueObject(x)) {
      if (x.tag === "$module") return `{"$module":${JSON.stringify(x.className)}}`;
      if (x.tag === "$schema") return `{"$schema":${next(x.fields.jsonSchema)}}`;
      return `{"$class":${JSON.stringify(x.className)},"fields":${writeRecord(x.fields, next)}}`;
    }
    const fields: Record<string, unknown> = {};
    for (const key of Object.keys(x)) fields[key] = (x as Record<string, unknown>)[key];
    return `{"$class":${JSON.stringify(x.constructor?.name ?? "Object")},"fields":${writeRecord(fields, next)}}`;
  } finally {
    seen.delete(x);
  }
}

function writeValue(v: Value, next: (y: unknown) => string): string {
  const payload = v.isPlaceholder ? '{"$placeholder":true}' : next(v.payload);
  return `{"$value":{"kind":"${v.kind}","meta":${next(v.meta)},"payload":${payload}}}`;
}

function writeRecord(x: Readonly<Record<string, unknown>>, next: (y: unknown) => string): string {
  const keys = Object.keys(x).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${next(x[key])}`).join(",")}}`;
}
