import { errorValue, MetaKey, OpError, type OpExecutor, toValue, Value, ValueKind } from "@weft/core";

/**
 * Truthiness of a payload, Python style so that empty data is false: `false`, `null`, `undefined`, `0`,
 * `NaN`, `""`, an empty array and an empty plain object are false; everything else is true.
 */
export function isTruthy(payload: unknown): boolean {
  if (Array.isArray(payload)) return payload.length > 0;
  if (
    typeof payload === "object" &&
    payload !== null &&
    Object.getPrototypeOf(payload) === Object.prototype
  ) {
    return Object.keys(payload).length > 0;
  }
  return Boolean(payload);
}

/**
 * The `execute` of a `route` node: the resolved key names the branch (a string, or a number or boolean
 * as its string form). An ERROR key is returned as is (no branch runs); a key naming no branch takes
 * `fallback`, or gives an ERROR Value (OpError `missing_key`).
 */
export function selectByKey(branches: readonly string[], fallback: string | null): OpExecutor {
  return (key) => {
    const value = toValue(key);
    if (value.isError()) return value;
    const payload = value.payload;
    const name =
      typeof payload === "string" || typeof payload === "number" || typeof payload === "boolean"
        ? String(payload)
        : undefined;
    if (name !== undefined && branches.includes(name)) return new Value(ValueKind.TEXT, name);
    if (fallback !== null) return new Value(ValueKind.TEXT, fallback);
    return errorValue(
      new OpError(
        "missing_key",
        `No branch for key ${JSON.stringify(name ?? null)} (branches: ${branches.join(", ")})`,
      ),
      {
        [MetaKey.op]: "route",
        [MetaKey.sourceRefs]: value.ref === null ? [] : [value.ref],
        [MetaKey.missing]: name ?? null,
      },
    );
  };
}

/** The `execute` of a `when` node: `then` when the condition is truthy ({@link isTruthy}), else `otherwise`. */
export function selectTruthy(): OpExecutor {
  return (condition) => {
    const value = toValue(condition);
    if (value.isError()) return value;
    return new Value(ValueKind.TEXT, isTruthy(value.payload) ? "then" : "otherwise");
  };
}
