import { MetaKey } from "../value/meta-keys.js";
import { rawPayload } from "../value/slots.js";
import { toValue } from "../value/to-value.js";
import { isValue, Value } from "../value/value.js";
import { ValueKind } from "../value/value-kind.js";
import type { Meta } from "../value/value-types.js";
import { tracedOp } from "./traced-op.js";

function withMetaNow<T>(value: T | Value<T>, meta: Meta): Value<T> {
  const base = toValue(value);
  return new Value(base.kind, rawPayload(base) as T, { ref: base.ref, meta: { ...base.meta, ...meta } });
}

/**
 * A new Value with `meta` merged over the old meta (new keys win), same kind, payload and ref. Works on
 * ERROR Values too (they stay errors). A raw input is wrapped first (`toValue`). Exempt from error
 * resolution.
 */
export function withMeta<T>(value: T | Value<T>, meta: Meta): Value<T> {
  return tracedOp("withMeta", isValue(value) ? value.kind : ValueKind.OTHER, [value, meta], withMetaNow<T>);
}

function unwrapOrNow<T>(value: T | Value<T>, fallback: T | Value<T>): Value<T> {
  if (!isValue(value)) return toValue(value);
  if (value.kind !== ValueKind.ERROR) return value;
  const recovered = toValue(fallback);
  return new Value(recovered.kind, rawPayload(recovered) as T, {
    ref: recovered.ref,
    meta: { ...recovered.meta, [MetaKey.recoveredFrom]: value.ref },
  });
}

/**
 * Recovers from an error: an ERROR Value becomes `fallback` (a Value keeps its kind, payload and ref;
 * anything else is wrapped) with `meta.recoveredFrom` set to the error's ref. Any other Value is returned
 * unchanged, a raw value wrapped. Never short-circuits on errors.
 */
export function unwrapOr<T>(value: T | Value<T>, fallback: T | Value<T>): Value<T> {
  return tracedOp("unwrapOr", ValueKind.OTHER, [value, fallback], unwrapOrNow<T>);
}

/** The result of {@link isError}. */
export interface IsErrorResult {
  readonly isError: boolean;
  readonly ref: string | null;
}

function isErrorNow(value: unknown): Value<IsErrorResult> {
  const result: IsErrorResult = isValue(value)
    ? { isError: value.kind === ValueKind.ERROR, ref: value.ref }
    : { isError: false, ref: null };
  return new Value(ValueKind.STRUCTURED, result);
}

/** `{ isError, ref }` as a STRUCTURED Value; never an ERROR itself. A raw value is not an error. */
export function isError(value: unknown): Value<IsErrorResult> {
  return tracedOp("isError", ValueKind.STRUCTURED, [value], isErrorNow);
}
