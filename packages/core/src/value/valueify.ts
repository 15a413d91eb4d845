import { isParameter, type Parameter } from "../parameter/parameter.js";
import { type FloatNumber, isFloatNumber } from "./float.js";
import { inferKind } from "./infer-kind.js";
import { isPlainObject } from "./plain.js";
import { NO_PAYLOAD, rawPayload } from "./slots.js";
import { isValue, Value } from "./value.js";
import type { ValueKind } from "./value-kind.js";

type Leaf =
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
  | Date;

/** What `valueify(x)` returns for an `x` of type `T`: containers of Values, leaves as Values. */
export type Valueified<T> = T extends Value
  ? T
  : T extends Parameter<infer P>
    ? Value<P>
    : T extends FloatNumber
      ? Value<number>
      : T extends Leaf | ((...args: never[]) => unknown)
        ? Value<T>
        : T extends readonly unknown[]
          ? { -readonly [K in keyof T]: Valueified<T[K]> }
          : T extends object
            ? { -readonly [K in keyof T]: Valueified<T[K]> }
            : Value<T>;

/** What `valueify(x, kind)` returns: one Value of that kind. */
export type ValueifiedAs<T> =
  T extends Value<infer P> ? Value<P> : T extends Parameter<infer P> ? Value<P> : Value<T>;

/**
 * Values out of anything (plait-spec 2.4). A Value is returned as is; a Parameter is lifted
 * (`param.toValue()`); an array or a plain object becomes an array / object of Values, recursively (not
 * one STRUCTURED Value: use `toValue` for that); an {@link asFloat} marker becomes a FLOAT Value; any
 * other value becomes a Value of its inferred kind with no ref.
 *
 * With `kind`: a Value of another kind is copied with that kind (same payload and ref, meta copied); a
 * Parameter is lifted with that kind; a raw value is wrapped with exactly that kind, without recursing.
 */
export function valueify<T>(x: T): Valueified<T>;
export function valueify<T>(x: T, kind: ValueKind): ValueifiedAs<T>;
export function valueify(x: unknown, kind?: ValueKind): unknown {
  if (isValue(x)) {
    if (kind === undefined || kind === x.kind) return x;
    const payload = rawPayload(x);
    return payload === NO_PAYLOAD
      ? Value.placeholder(kind, x.ref as string, x.meta)
      : new Value(kind, payload, { ref: x.ref, meta: x.meta });
  }
  if (isParameter(x)) return x.toValue(kind);
  if (kind !== undefined) return new Value(kind, isFloatNumber(x) ? x.value : x);
  if (Array.isArray(x)) return x.map((item) => valueify(item));
  if (isPlainObject(x)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(x)) out[key] = valueify(item);
    return out;
  }
  if (isFloatNumber(x)) return new Value(inferKind(x), x.value);
  return new Value(inferKind(x), x);
}
