import { type ErrorValue, opErrorValue } from "../value/error-values.js";
import { isFloatNumber } from "../value/float.js";
import { inferKind } from "../value/infer-kind.js";
import { MetaKey } from "../value/meta-keys.js";
import { isValue, Value } from "../value/value.js";
import { ValueKind } from "../value/value-kind.js";
import { resolveErrors } from "./resolve-errors.js";
import { NotSerializableError, stableJson } from "./stable-json.js";
import { tracedOp } from "./traced-op.js";

const INT_TEXT = /^\s*[+-]?\d+(?:_\d+)*\s*$/;
const FLOAT_TEXT =
  /^\s*[+-]?(?:(?:\d+(?:_\d+)*)?\.?\d+(?:_\d+)*(?:[eE][+-]?\d+)?|\d+(?:_\d+)*\.|(?:inf|infinity|nan))\s*$/i;

function parseFloatText(text: string): number | undefined {
  if (!FLOAT_TEXT.test(text)) return undefined;
  const cleaned = text.trim().replaceAll("_", "").toLowerCase();
  if (/nan$/.test(cleaned)) return Number.NaN;
  if (/inf(inity)?$/.test(cleaned)) return cleaned.startsWith("-") ? -Infinity : Infinity;
  return Number(cleaned);
}

function coerceNow(value: unknown, kind: ValueKind): Value {
  const error = resolveErrors([value]);
  if (error) return error;
  const inputs = [value];
  const from = isValue(value) ? value.kind : inferKind(value);
  const payload = isValue(value) ? value.payload : isFloatNumber(value) ? value.value : value;
  if (from === kind) return isValue(value) ? value : new Value(kind, payload);
  const fail = (
    code: "parse_failed" | "boolean_not_numeric" | "lossy_coercion" | "not_serializable",
    message: string,
  ): ErrorValue => opErrorValue("coerce", code, message, inputs);
  if (from === ValueKind.TEXT && (kind === ValueKind.INT || kind === ValueKind.FLOAT)) {
    const text = payload as string;
    if (kind === ValueKind.INT) {
      return INT_TEXT.test(text)
        ? new Value(ValueKind.INT, Number(text.trim().replaceAll("_", "")))
        : fail("parse_failed", `Invalid literal for int: ${JSON.stringify(text)}`);
    }
    const parsed = parseFloatText(text);
    return parsed === undefined
      ? fail("parse_failed", `Could not convert string to float: ${JSON.stringify(text)}`)
      : new Value(ValueKind.FLOAT, parsed);
  }
  if (from === ValueKind.INT && kind === ValueKind.FLOAT) {
    if (typeof payload === "boolean") return fail("boolean_not_numeric", "Boolean is not numeric");
    return new Value(ValueKind.FLOAT, payload as number);
  }
  if (from === ValueKind.FLOAT && kind === ValueKind.INT) {
    const n = payload as number;
    const lossy = isValue(value) && value.meta[MetaKey.allowLossy] === true;
    if (!Number.isFinite(n)) return fail("lossy_coercion", `Cannot convert ${n} to int`);
    if (!Number.isInteger(n) && !lossy) return fail("lossy_coercion", "Lossy float-to-int conversion");
    return new Value(ValueKind.INT, Math.trunc(n));
  }
  if (from === ValueKind.STRUCTURED && kind === ValueKind.TEXT) {
    try {
      return new Value(ValueKind.TEXT, stableJson(payload));
    } catch (cause) {
      if (cause instanceof NotSerializableError) return fail("not_serializable", cause.message);
      throw cause;
    }
  }
  if (from === ValueKind.TEXT && kind === ValueKind.STRUCTURED) {
    return opErrorValue(
      "coerce",
      "unsupported_coercion",
      "Cannot coerce text to structured: use F.parseStructured",
      inputs,
    );
  }
  return opErrorValue("coerce", "unsupported_coercion", `Unsupported coercion: ${from} -> ${kind}`, inputs);
}

/**
 * Converts between kinds (plait-spec 3.4): TEXT → INT/FLOAT by parsing (Python `int()` / `float()`
 * syntax); INT → FLOAT; FLOAT → INT only when integral or `meta.allowLossy` is true (truncates);
 * STRUCTURED → TEXT as stable compact JSON (sorted keys). The same kind returns the Value itself. TEXT →
 * STRUCTURED and every other pair give an ERROR Value; an ERROR input is returned unchanged.
 */
export function coerce(value: unknown, kind: ValueKind): Value {
  return tracedOp("coerce", kind, [value, kind], coerceNow);
}
