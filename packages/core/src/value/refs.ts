import { isPlainObject } from "./plain.js";
import { isValue, type Value } from "./value.js";
import { ValueRef } from "./value-ref.js";

function walkValues(x: unknown, visit: (v: Value) => void): void {
  if (isValue(x)) {
    visit(x);
  } else if (Array.isArray(x)) {
    for (const item of x) walkValues(item, visit);
  } else if (isPlainObject(x)) {
    for (const item of Object.values(x)) walkValues(item, visit);
  }
}

/**
 * The non-null refs of the Values in `args`, walking arrays and plain objects but never a Value's payload
 * (plait-spec 2.4). De-duplicated, in first-seen order (deterministic, unlike the Python set).
 */
export function collectRefs(...args: readonly unknown[]): string[] {
  const refs = new Set<string>();
  walkValues(args, (v) => {
    if (v.ref !== null) refs.add(v.ref);
  });
  return [...refs];
}

/** Whether any Value in `args` (same walk as {@link collectRefs}) has a ref. */
export function hasRefs(...args: readonly unknown[]): boolean {
  let found = false;
  walkValues(args, (v) => {
    if (v.ref !== null) found = true;
  });
  return found;
}

/** `replaceValuesWithRefs` output: the input structure with traced Values swapped for {@link ValueRef}s. */
export type WithRefs<T> = T extends Value
  ? ValueRef | T
  : T extends readonly unknown[]
    ? { [K in keyof T]: WithRefs<T[K]> }
    : T extends Record<string, unknown>
      ? { [K in keyof T]: WithRefs<T[K]> }
      : T;

/**
 * Copies `x`, replacing every Value that has a ref with a {@link ValueRef} (what a graph node stores in
 * its args); a Value without a ref stays, as a literal. Arrays and plain objects are copied recursively;
 * nothing else is entered.
 */
export function replaceValuesWithRefs<T>(x: T): WithRefs<T> {
  return replace(x) as WithRefs<T>;
}

function replace(x: unknown): unknown {
  if (isValue(x)) return x.ref === null ? x : new ValueRef(x.ref);
  if (Array.isArray(x)) return x.map(replace);
  if (isPlainObject(x)) {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(x)) copy[key] = replace(item);
    return copy;
  }
  return x;
}
