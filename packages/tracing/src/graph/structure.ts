import { isValue, isValueRef, Value, ValueKind, ValueRef } from "@weft/core";

/** Whether `x` is a plain record (an object literal or `Object.create(null)`); other objects are opaque. */
export function isPlainRecord(x: unknown): x is Record<string, unknown> {
  if (typeof x !== "object" || x === null) return false;
  const proto = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}

/**
 * Replaces every `ValueRef` in a node's args (or an output structure) with `lookup(ref)`, copying arrays
 * and plain objects and leaving everything else as it is. What an executor does before running a node,
 * and to build outputs in the shape `forward()` returned.
 */
export function resolveStructure(structure: unknown, lookup: (ref: string) => unknown): unknown {
  if (isValueRef(structure)) return lookup(structure.ref);
  if (Array.isArray(structure)) return structure.map((item) => resolveStructure(item, lookup));
  if (isPlainRecord(structure)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(structure)) out[key] = resolveStructure(structure[key], lookup);
    return out;
  }
  return structure;
}

/**
 * The refs of the `ValueRef`s in a structure, de-duplicated, in first-seen order, appended to `out` (default: a
 * new array; refs already in `out` are not added again). Linear in the size of the structure (a set tracks the
 * refs seen), so a large input such as a 10k-element array of Values costs no more than walking it.
 */
export function structureRefs(structure: unknown, out: string[] = []): string[] {
  collectRefs(structure, out, new Set(out));
  return out;
}

function collectRefs(structure: unknown, out: string[], seen: Set<string>): void {
  if (isValueRef(structure)) {
    if (!seen.has(structure.ref)) {
      seen.add(structure.ref);
      out.push(structure.ref);
    }
  } else if (Array.isArray(structure)) {
    for (const item of structure) collectRefs(item, out, seen);
  } else if (isPlainRecord(structure)) {
    for (const key of Object.keys(structure)) collectRefs(structure[key], out, seen);
  }
}

/** Copies a structure with every `ValueRef`'s ref passed through `rename`. */
export function renameRefs(structure: unknown, rename: (ref: string) => string): unknown {
  if (isValueRef(structure)) {
    const renamed = rename(structure.ref);
    return renamed === structure.ref ? structure : new ValueRef(renamed);
  }
  if (Array.isArray(structure)) return structure.map((item) => renameRefs(item, rename));
  if (isPlainRecord(structure)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(structure)) out[key] = renameRefs(structure[key], rename);
    return out;
  }
  return structure;
}

/**
 * One Value for an output structure whose refs are resolved: a structure that is a single `ValueRef` gives
 * that Value itself (so an ERROR stays the same ERROR); anything else (an array or object of Values, a
 * literal) becomes a STRUCTURED Value holding the resolved structure (`unwrap` turns it into plain data).
 * What a `map` node gathers per element and what a `join` node returns.
 */
export function gatherResult(structure: unknown, lookup: (ref: string) => Value): Value {
  if (isValueRef(structure)) return lookup(structure.ref);
  if (isValue(structure)) return structure;
  return new Value(ValueKind.STRUCTURED, resolveStructure(structure, lookup));
}
