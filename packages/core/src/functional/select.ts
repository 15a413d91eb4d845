import { opErrorValue } from "../value/error-values.js";
import { MetaKey } from "../value/meta-keys.js";
import { isPlainObject } from "../value/plain.js";
import { toValue } from "../value/to-value.js";
import { isValue, type Value } from "../value/value.js";
import { ValueKind } from "../value/value-kind.js";
import { resolveErrors } from "./resolve-errors.js";
import { tracedOp } from "./traced-op.js";

/** A path into structured data: `"a.b"` (dot-split string segments), an index, or an array of segments. */
export type SelectPath = string | number | readonly (string | number)[];

/** Options of {@link select}. */
export interface SelectOptions {
  /** Returned (a Value as is, anything else wrapped) when the path is missing. Default: none (ERROR). */
  readonly default?: unknown;
}

function segmentsOf(path: unknown): (string | number)[] | undefined {
  if (typeof path === "string") return path === "" ? [] : path.split(".");
  if (typeof path === "number") return [path];
  if (Array.isArray(path) && path.every((s) => typeof s === "string" || typeof s === "number"))
    return [...path];
  return undefined;
}

function step(container: unknown, segment: string | number): { found: boolean; item?: unknown } {
  if (Array.isArray(container) && typeof segment === "number" && Number.isInteger(segment)) {
    const index = segment < 0 ? container.length + segment : segment;
    return index >= 0 && index < container.length
      ? { found: true, item: container[index] }
      : { found: false };
  }
  if (isPlainObject(container) && typeof segment === "string" && Object.hasOwn(container, segment)) {
    return { found: true, item: container[segment] };
  }
  return { found: false };
}

function selectNow(struct: unknown, path: unknown, options: SelectOptions = {}): Value {
  const inputs = [struct, path, options];
  const error = resolveErrors([struct, path], { ...options });
  if (error) return error;
  const segments = segmentsOf(path);
  if (!segments)
    return opErrorValue("select", "bad_path", "Path must be a string, an integer or an array", inputs);
  if (segments.length === 0) return opErrorValue("select", "bad_path", "Empty path", inputs);
  let current: unknown = struct;
  if (isValue(current)) {
    if (current.kind !== ValueKind.STRUCTURED)
      return opErrorValue("select", "not_structured", "Value is not structured", inputs);
  } else if (!Array.isArray(current) && !isPlainObject(current)) {
    return opErrorValue("select", "not_structured", "Value is not structured", inputs);
  }
  for (const [index, segment] of segments.entries()) {
    if (isValue(current)) {
      if (current.kind !== ValueKind.STRUCTURED) {
        return opErrorValue("select", "not_structured", "Value is not structured", inputs, {
          [MetaKey.pathIndex]: index,
        });
      }
      current = current.payload;
    }
    const next = step(current, segment);
    if (!next.found) {
      if ("default" in options) return toValue(options.default);
      return opErrorValue(
        "select",
        "missing_key",
        `Missing ${String(segment)} at ${segments.slice(0, index + 1).join(".")}`,
        inputs,
        {
          [MetaKey.path]: segments,
          [MetaKey.missing]: segment,
        },
      );
    }
    current = next.item;
  }
  return toValue(current);
}

/**
 * The item at `path` inside structured data (a STRUCTURED Value or a raw object / array). `"a.b"` splits
 * on dots into string keys, so reach list items with the array form `["items", 0]`. A missing path gives
 * `options.default` (wrapped) or an ERROR Value (meta `path`, `missing`); an ERROR input wins over the
 * default. A selected Value is returned as is; objects and arrays become STRUCTURED Values.
 */
export function select(struct: unknown, path: SelectPath, options?: SelectOptions): Value {
  return tracedOp(
    "select",
    ValueKind.STRUCTURED,
    options === undefined ? [struct, path] : [struct, path, options],
    selectNow,
  );
}
