import { isValue, MetaKey, Value } from "@weft/core";
import { isGradEnabled } from "./no-grad.js";

function isPlain(x: unknown): x is Record<string, unknown> {
  if (typeof x !== "object" || x === null) return false;
  const proto = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}

function tapeIdsOf(value: Value): readonly string[] {
  const ids = value.meta[MetaKey.tapeIds];
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === "string") : [];
}

function walk(x: unknown, visit: (value: Value) => void): void {
  if (isValue(x)) {
    visit(x);
    if (!x.isPlaceholder && !x.isError()) walk(x.payload, visit);
  } else if (Array.isArray(x)) {
    for (const item of x) walk(item, visit);
  } else if (isPlain(x)) {
    for (const item of Object.values(x)) walk(item, visit);
  }
}

/**
 * The tape ids carried by the Values in `structure` (arrays, plain objects and Values nested in payloads are
 * walked), de-duplicated, in first-seen order.
 */
export function collectTapeIds(structure: unknown): string[] {
  const seen = new Set<string>();
  walk(structure, (value) => {
    for (const id of tapeIdsOf(value)) seen.add(id);
  });
  return [...seen];
}

function tagged(x: unknown, tapeId: string): unknown {
  if (isValue(x)) {
    if (x.isPlaceholder) return x;
    const ids = tapeIdsOf(x);
    const payload = x.isError() ? x.error : tagged(x.payload, tapeId);
    return new Value(x.kind, payload, {
      ref: x.ref,
      meta: { ...x.meta, [MetaKey.tapeIds]: ids.includes(tapeId) ? ids : [...ids, tapeId] },
    });
  }
  if (Array.isArray(x)) return x.map((item) => tagged(item, tapeId));
  if (isPlain(x)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(x)) out[key] = tagged(item, tapeId);
    return out;
  }
  return x;
}

/**
 * A copy of `structure` in which every Value (nested in arrays, plain objects and payloads too) carries
 * `tapeId` in `meta.tapeIds` (plait `attach_tape`); an id already there is not repeated. Values are
 * immutable, so they are copied. Returns the structure unchanged inside `noGrad`.
 */
export function attachTape<T>(structure: T, tapeId: string): T {
  if (!isGradEnabled()) return structure;
  return tagged(structure, tapeId) as T;
}
