import { OpError, type OpErrorCode } from "../errors/op-error.js";
import { MetaKey } from "./meta-keys.js";
import { isPlainObject } from "./plain.js";
import { collectRefs } from "./refs.js";
import { isValue, Value } from "./value.js";
import { ValueKind } from "./value-kind.js";
import type { Meta } from "./value-types.js";

/** A Value of kind ERROR. It carries no success payload, so it fits any `Value<T>`. */
export type ErrorValue = Value<never>;

/** Wraps `error` as an ERROR Value with no ref (errors are data). */
export function errorValue(error: unknown, meta: Meta = {}): ErrorValue {
  return new Value(ValueKind.ERROR, error as never, { meta });
}

/**
 * The ERROR Value an op returns for a data problem: payload an {@link OpError}, meta
 * `{ op, sourceRefs: collectRefs(inputs), ...extra }`, no ref (plait-spec 3.1).
 */
export function opErrorValue(
  op: string,
  code: OpErrorCode,
  message: string,
  inputs: readonly unknown[],
  extra: Meta = {},
): ErrorValue {
  return errorValue(new OpError(code, message), {
    [MetaKey.op]: op,
    [MetaKey.sourceRefs]: collectRefs(...inputs),
    ...extra,
  });
}

function firstError(x: unknown): Value | undefined {
  if (isValue(x)) return x.kind === ValueKind.ERROR ? x : undefined;
  const items = Array.isArray(x) ? x : isPlainObject(x) ? Object.values(x) : [];
  for (const item of items) {
    const found = firstError(item);
    if (found) return found;
  }
  return undefined;
}

/**
 * The first ERROR Value in `args`, depth-first: arguments left to right, arrays in order, plain objects in
 * insertion order; a Value's payload is never entered (plait-spec 2.4). `undefined` when there is none.
 */
export function firstErrorValue(...args: readonly unknown[]): ErrorValue | undefined {
  return firstError(args) as ErrorValue | undefined;
}

/** Whether `args` contain an ERROR Value (same walk as {@link firstErrorValue}). */
export function hasErrorValue(...args: readonly unknown[]): boolean {
  return firstError(args) !== undefined;
}

/** The message of an error payload: an Error's message, otherwise its string form. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
