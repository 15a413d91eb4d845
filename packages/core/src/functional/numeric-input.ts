import { type ErrorValue, opErrorValue } from "../value/error-values.js";
import { type FloatNumber, isFloatNumber } from "../value/float.js";
import { isValue, type Value } from "../value/value.js";
import { ValueKind } from "../value/value-kind.js";

/** A number an op accepts: a raw number, an `asFloat` marker, or an INT / FLOAT Value. */
export type NumericInput = number | Value<number> | Value | FloatNumber;

/** A number with the kind it counts as. @internal */
export interface Numeric {
  readonly n: number;
  readonly float: boolean;
}

/** The number in `x`, or the ERROR Value explaining why it is not numeric (plait-spec 3.3). @internal */
export function numericOf(op: string, x: unknown, inputs: readonly unknown[]): Numeric | ErrorValue {
  if (typeof x === "boolean")
    return opErrorValue(op, "boolean_not_numeric", "Boolean is not numeric", inputs);
  if (typeof x === "number") return { n: x, float: !Number.isInteger(x) };
  if (isFloatNumber(x)) return { n: x.value, float: true };
  if (isValue(x) && (x.kind === ValueKind.INT || x.kind === ValueKind.FLOAT)) {
    const payload = x.payload;
    if (typeof payload === "boolean")
      return opErrorValue(op, "boolean_not_numeric", "Boolean is not numeric", inputs);
    if (typeof payload === "number") return { n: payload, float: x.kind === ValueKind.FLOAT };
  }
  return opErrorValue(op, "not_numeric", "Value is not numeric", inputs);
}

/** Whether {@link numericOf} failed. @internal */
export function isNumericError(x: Numeric | Value): x is Value {
  return isValue(x);
}
