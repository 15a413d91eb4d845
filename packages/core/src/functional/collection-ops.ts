import { getTraceHandler, type OpExecutor } from "../dispatch/trace-handler.js";
import { TraceError } from "../errors/trace-error.js";
import { type ErrorValue, errorValue, opErrorValue } from "../value/error-values.js";
import { MetaKey } from "../value/meta-keys.js";
import { isPlainObject } from "../value/plain.js";
import { toValue } from "../value/to-value.js";
import { isValue, Value } from "../value/value.js";
import { ValueKind } from "../value/value-kind.js";
import { resolveErrors } from "./resolve-errors.js";
import { tracedOp } from "./traced-op.js";

function listOf(values: unknown): unknown[] | undefined {
  if (Array.isArray(values)) return values;
  if (isValue(values) && values.kind === ValueKind.STRUCTURED && Array.isArray(values.payload))
    return values.payload;
  return undefined;
}

/**
 * Records op `name` when one of `lists` is a traced Value (its length is unknown until execution), else
 * runs it now. Elements are not looked at: an array of placeholders is handled now, element by element.
 */
function traceList<R>(
  name: string,
  lists: readonly unknown[],
  args: readonly unknown[],
  execute: OpExecutor,
  run: () => R,
): R {
  const handler = getTraceHandler();
  if (handler && lists.some((list) => isValue(list) && list.ref !== null)) {
    return handler.recordOp(`F.${name}`, args, execute, ValueKind.STRUCTURED) as R;
  }
  return run();
}

function mapNow<T, R>(fn: (value: Value<T>) => Value<R> | R, items: readonly unknown[]): Value<R>[] {
  return items.map((item) => {
    const value = toValue(item) as Value<T>;
    if (value.kind === ValueKind.ERROR) return value as unknown as Value<R>;
    try {
      return toValue(fn(value));
    } catch (cause) {
      if (TraceError.is(cause)) throw cause;
      return errorValue(cause, {
        [MetaKey.op]: "mapValues",
        [MetaKey.sourceRefs]: value.ref === null ? [] : [value.ref],
      });
    }
  });
}

function mapValuesNow<T, R>(fn: (value: Value<T>) => Value<R> | R, values: unknown): Value<R>[] | Value<R[]> {
  const items = listOf(values);
  if (isValue(values)) {
    if (values.kind === ValueKind.ERROR) return values as Value<never>;
    if (!items) return opErrorValue("mapValues", "not_list", "Values must be a list", [values]);
    return new Value(ValueKind.STRUCTURED, mapNow(fn, items) as unknown as R[]);
  }
  if (!items) return [opErrorValue("mapValues", "not_list", "Values must be a list", [values])];
  return mapNow(fn, items);
}

/**
 * Applies `fn` to every element, one result per element: an ERROR element passes through unchanged, a
 * throw becomes an ERROR for that element only, a raw result is wrapped. An array in gives an array of
 * Values out; a Value (a STRUCTURED list, or a traced list) gives one STRUCTURED Value whose payload is the
 * list of result Values. While tracing, an array of placeholders is mapped now (fn builds nodes), and a
 * traced list Value is recorded as one node that maps at execution.
 */
export function mapValues<T, R>(
  fn: (value: Value<T>) => Value<R> | R,
  values: readonly (T | Value<T>)[],
): Value<R>[];
export function mapValues<T, R>(
  fn: (value: Value<T>) => Value<R> | R,
  values: Value<readonly T[]> | Value,
): Value<R[]>;
export function mapValues<T, R>(
  fn: (value: Value<T>) => Value<R> | R,
  values: unknown,
): Value<R>[] | Value<R[]> {
  const execute = (f: unknown, list: unknown) => mapValuesNow(f as typeof fn, list) as Value;
  return traceList("mapValues", [values], [fn, values], execute as OpExecutor, () =>
    mapValuesNow(fn, values),
  );
}

function zipNow(batches: readonly unknown[]): Value[][] | ErrorValue {
  const lists: unknown[][] = [];
  for (const batch of batches) {
    if (isValue(batch) && batch.kind === ValueKind.ERROR) return batch as ErrorValue;
    const list = listOf(batch);
    if (!list) return opErrorValue("zipValues", "not_list", "Every batch must be a list", batches);
    lists.push(list);
  }
  const length = lists[0]?.length ?? 0;
  if (lists.some((list) => list.length !== length)) {
    return opErrorValue("zipValues", "length_mismatch", "Batches must have equal length", batches);
  }
  return Array.from({ length }, (_, i) => lists.map((list) => toValue(list[i])));
}
function packed(zipped: Value[][] | ErrorValue): Value {
  return Array.isArray(zipped) ? new Value(ValueKind.STRUCTURED, zipped) : zipped;
}

/**
 * Groups the i-th elements of each batch: `[[a0, b0], [a1, b1], ...]` as Values (error elements kept).
 * An ERROR batch is returned, a non-list batch or unequal lengths give an ERROR Value, no batches give
 * `[]`. With arrays only, the result is an array; when any batch is a Value, one STRUCTURED Value (traced
 * as a node while tracing).
 */
export function zipValues(...batches: readonly (readonly unknown[])[]): Value[][] | ErrorValue;
export function zipValues(...batches: readonly (readonly unknown[] | Value)[]): Value<unknown[][]>;
export function zipValues(...batches: readonly unknown[]): Value[][] | Value {
  const execute: OpExecutor = (...resolved) => packed(zipNow(resolved));
  return traceList("zipValues", batches, batches, execute, () => {
    const zipped = zipNow(batches);
    return batches.some(isValue) ? packed(zipped) : zipped;
  });
}

function stackNow(values: unknown): Value<unknown[]> {
  const error = resolveErrors([values]);
  if (error) return error;
  const items = listOf(values);
  if (!items) return opErrorValue("stackStructured", "not_list", "Values must be a list", [values]);
  const payloads: unknown[] = [];
  for (const item of items) {
    if (isValue(item) ? item.kind !== ValueKind.STRUCTURED : !Array.isArray(item) && !isPlainObject(item)) {
      return opErrorValue("stackStructured", "not_structured", "Every element must be structured", [values]);
    }
    payloads.push(isValue(item) ? item.payload : item);
  }
  return new Value(ValueKind.STRUCTURED, payloads);
}

/**
 * One STRUCTURED Value listing the payloads of structured elements (STRUCTURED Values, raw objects or
 * arrays, stored as given). ERROR elements propagate; any other element gives an ERROR Value.
 */
export function stackStructured(values: readonly unknown[] | Value): Value<unknown[]> {
  return tracedOp("stackStructured", ValueKind.STRUCTURED, [values], stackNow);
}
