import { isFloatNumber } from "./float.js";
import { inferKind } from "./infer-kind.js";
import { Value } from "./value.js";
import { ValueKind } from "./value-kind.js";

/**
 * One Value for `x`, never a container of Values: a Value is returned as is; an {@link asFloat} marker
 * becomes `Value(FLOAT, n)`; anything else is wrapped with its inferred kind (a plain object or an array
 * becomes a single STRUCTURED Value). Compare `valueify`, which maps containers element-wise.
 */
export function toValue<T>(x: T | Value<T>): Value<T> {
  if (x instanceof Value) return x as Value<T>;
  if (isFloatNumber(x)) return new Value(ValueKind.FLOAT, x.value as T);
  return new Value(inferKind(x), x as T);
}
