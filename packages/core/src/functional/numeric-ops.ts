import { opErrorValue } from "../value/error-values.js";
import { Value } from "../value/value.js";
import { ValueKind } from "../value/value-kind.js";
import { isNumericError, type NumericInput, numericOf } from "./numeric-input.js";
import { resolveErrors } from "./resolve-errors.js";
import { tracedOp } from "./traced-op.js";

type Arithmetic = "add" | "sub" | "mul" | "div";

function arithmeticNow(op: Arithmetic, a: unknown, b: unknown): Value<number> {
  const inputs = [a, b];
  const error = resolveErrors(inputs);
  if (error) return error;
  const left = numericOf(op, a, inputs);
  if (isNumericError(left)) return left as Value<number>;
  const right = numericOf(op, b, inputs);
  if (isNumericError(right)) return right as Value<number>;
  if (op === "div") {
    if (right.n === 0) return opErrorValue(op, "zero_division", "Division by zero", inputs);
    return new Value(ValueKind.FLOAT, left.n / right.n);
  }
  const n = op === "add" ? left.n + right.n : op === "sub" ? left.n - right.n : left.n * right.n;
  return new Value(left.float || right.float ? ValueKind.FLOAT : ValueKind.INT, n);
}

function arithmetic(op: Arithmetic, a: NumericInput, b: NumericInput): Value<number> {
  const kind = op === "div" ? ValueKind.FLOAT : ValueKind.INT;
  return tracedOp(op, kind, [a, b], (x: unknown, y: unknown) => arithmeticNow(op, x, y));
}

/**
 * `a + b`. Numbers are raw numbers, `asFloat` markers or INT/FLOAT Values; booleans and other kinds give
 * ERROR Values. The result is FLOAT when either side is FLOAT, else INT.
 */
export function add(a: NumericInput, b: NumericInput): Value<number> {
  return arithmetic("add", a, b);
}

/** `a - b`, with {@link add}'s rules. */
export function sub(a: NumericInput, b: NumericInput): Value<number> {
  return arithmetic("sub", a, b);
}

/** `a * b`, with {@link add}'s rules. */
export function mul(a: NumericInput, b: NumericInput): Value<number> {
  return arithmetic("mul", a, b);
}

/** `a / b`, always FLOAT; a zero divisor gives an ERROR Value. */
export function div(a: NumericInput, b: NumericInput): Value<number> {
  return arithmetic("div", a, b);
}
