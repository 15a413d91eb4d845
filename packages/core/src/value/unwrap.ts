import { isTracing } from "../dispatch/trace-handler.js";
import type { FloatNumber } from "./float.js";
import { isPlainObject } from "./plain.js";
import { NO_PAYLOAD, rawPayload } from "./slots.js";
import { placeholderPayloadError } from "./trace-guards.js";
import { isValue, type Value } from "./value.js";

type Opaque =
  | string
  | number
  | boolean
  | bigint
  | symbol
  | null
  | undefined
  | Error
  | Uint8Array
  | ArrayBuffer
  | Date
  | FloatNumber
  | ((...args: never[]) => unknown);

/** The plain data of `T`: every Value replaced by its (recursively unwrapped) payload. */
export type Unwrapped<T> =
  T extends Value<infer P>
    ? Unwrapped<P>
    : T extends Opaque
      ? T
      : T extends readonly unknown[]
        ? { -readonly [K in keyof T]: Unwrapped<T[K]> }
        : T extends object
          ? { -readonly [K in keyof T]: Unwrapped<T[K]> }
          : T;

/**
 * Plain data out of Values (plait-spec 2.4): a Value becomes `unwrap(payload)`, recursively, so Values
 * nested in payloads unwrap too; arrays and plain objects are mapped element-wise (copies); anything else
 * is returned unchanged. A placeholder has nothing to unwrap: TraceError.
 */
export function unwrap<T>(x: T): Unwrapped<T> {
  return unwrapAny(x) as Unwrapped<T>;
}

function unwrapAny(x: unknown): unknown {
  if (isValue(x)) {
    const payload = rawPayload(x);
    if (payload === NO_PAYLOAD) throw placeholderPayloadError(x.ref, isTracing());
    return unwrapAny(payload);
  }
  if (Array.isArray(x)) return x.map(unwrapAny);
  if (isPlainObject(x)) {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(x)) copy[key] = unwrapAny(item);
    return copy;
  }
  return x;
}
