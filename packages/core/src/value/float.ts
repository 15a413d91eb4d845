const FLOAT_BRAND = Symbol.for("weft.float");

/**
 * A number marked as a float. JavaScript cannot tell `1.0` from `1`, so an integral number is inferred as
 * INT; wrap it with {@link asFloat} when it must be a FLOAT (numeric promotion, a FLOAT kind kept through
 * a checkpoint). `valueify` and `toValue` unwrap the marker: the payload is a plain number.
 */
export class FloatNumber {
  readonly value: number;

  constructor(value: number) {
    this.value = value;
    Object.freeze(this);
  }
}

Object.defineProperty(FloatNumber.prototype, FLOAT_BRAND, { value: true });

/**
 * Marks `n` as a float: `valueify(asFloat(1))` is `Value(FLOAT, 1)`, whereas `valueify(1)` is `Value(INT, 1)`.
 * A non-integral number is a FLOAT without the marker.
 */
export function asFloat(n: number): FloatNumber {
  return new FloatNumber(n);
}

/** Whether `x` was made by {@link asFloat} (from any installed copy of weft). */
export function isFloatNumber(x: unknown): x is FloatNumber {
  return typeof x === "object" && x !== null && FLOAT_BRAND in x;
}
