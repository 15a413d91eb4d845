import { opErrorValue } from "../value/error-values.js";
import { isValue, Value } from "../value/value.js";
import { ValueKind } from "../value/value-kind.js";
import { isNumericError, type Numeric, type NumericInput, numericOf } from "./numeric-input.js";
import { resolveErrors } from "./resolve-errors.js";
import { tracedOp } from "./traced-op.js";

/** Numbers to aggregate: an array (of numbers or numeric Values) or a STRUCTURED Value holding one. */
export type NumericList = readonly NumericInput[] | Value<readonly number[]> | Value;

type Aggregate = "sum" | "min" | "max" | "mean";

function aggregateNow(op: Aggregate, values: unknown): Value<number> {
  const error = resolveErrors([values]);
  if (error) return error;
  const items = isValue(values)
    ? values.kind === ValueKind.STRUCTURED
      ? values.payload
      : undefined
    : values;
  if (!Array.isArray(items)) return opErrorValue(op, "not_list", "Values must be a list", [values]);
  const numbers: Numeric[] = [];
  for (const item of items) {
    const numeric = numericOf(op, item, [values]);
    if (isNumericError(numeric)) return numeric as Value<number>;
    numbers.push(numeric);
  }
  if (op === "sum") {
    const float = numbers.some((x) => x.float);
    return new Value(
      float ? ValueKind.FLOAT : ValueKind.INT,
      numbers.reduce((total, x) => total + x.n, 0),
    );
  }
  if (numbers.length === 0) return opErrorValue(op, "empty_list", "Values list is empty", [values]);
  if (op === "mean")
    return new Value(ValueKind.FLOAT, numbers.reduce((total, x) => total + x.n, 0) / numbers.length);
  const pick = numbers.reduce((best, x) => ((op === "min" ? x.n < best.n : x.n > best.n) ? x : best));
  return new Value(pick.float ? ValueKind.FLOAT : ValueKind.INT, pick.n);
}

function aggregate(op: Aggregate, values: NumericList): Value<number> {
  const kind = op === "mean" ? ValueKind.FLOAT : ValueKind.INT;
  return tracedOp(op, kind, [values], (v: unknown) => aggregateNow(op, v));
}

/** The sum; an empty list sums to INT 0. FLOAT when any element is FLOAT. ERROR elements propagate. */
export function sum(values: NumericList): Value<number> {
  return aggregate("sum", values);
}

/** The smallest element, keeping its kind; an empty list gives an ERROR Value. */
export function min(values: NumericList): Value<number> {
  return aggregate("min", values);
}

/** The largest element, keeping its kind; an empty list gives an ERROR Value. */
export function max(values: NumericList): Value<number> {
  return aggregate("max", values);
}

/** The mean, always FLOAT; an empty list gives an ERROR Value. */
export function mean(values: NumericList): Value<number> {
  return aggregate("mean", values);
}
