import { getTraceHandler, isTracing } from "../dispatch/trace-handler.js";
import { displayText } from "./display-text.js";
import { NO_PAYLOAD, PAYLOAD, VALUE_BRAND } from "./slots.js";
import { iteratedError, placeholderPayloadError, stringifiedError } from "./trace-guards.js";
import { accessValue, iterateValue } from "./value-access.js";
import { valueToJSON } from "./value-json.js";
import { ValueKind } from "./value-kind.js";
import type { ElementOf, FieldOf, FieldValue, IndexOf, Meta, ValueKey } from "./value-types.js";

/** Options of the {@link Value} constructor. */
export interface ValueOptions {
  /** Provenance: the graph node, input or parameter that produced the value. Default: `null` (a literal). */
  readonly ref?: string | null;
  /** Metadata (reserved keys in `MetaKey`). Copied and frozen. Default: `{}`. */
  readonly meta?: Meta;
}

const EMPTY_META: Meta = Object.freeze({});

/**
 * The meta a new Value keeps: a frozen object is shared as is (it cannot change, and Values re-reffed during a run
 * pass their meta on), anything else is copied and frozen, and an empty one is the shared empty object.
 */
function metaOf(meta: Meta | undefined): Meta {
  if (meta === undefined || meta === EMPTY_META) return EMPTY_META;
  if (Object.isFrozen(meta)) return meta;
  for (const _ in meta) return Object.freeze({ ...meta });
  return EMPTY_META;
}

/**
 * The one container for data in weft: a `kind`, a `payload`, a `ref` (provenance) and `meta`
 * (plait-spec 2). Values are immutable. Errors are data: a Value of kind ERROR flows through ops and
 * modules instead of being thrown.
 *
 * `T` is the type of the payload on success; any Value may still be an ERROR at run time (check
 * `isError()`), which is why an ERROR Value is typed `Value<never>` and fits everywhere.
 *
 * While a trace is running, module calls return *placeholders*: Values with a ref and no payload.
 * Reading `.payload` of a placeholder, turning a traced Value into a string, a number or JSON, or iterating
 * it throws a {@link TraceError} that says what to use instead. `get`, `at`, `keys`, `values` and
 * `entries` are recorded as graph nodes instead.
 *
 * @example
 * ```ts
 * const v = new Value(ValueKind.STRUCTURED, { user: { name: "Ada" } });
 * v.get("user").get("name").payload; // "Ada", typed string
 * ```
 */
export class Value<T = unknown> {
  readonly kind: ValueKind;
  readonly ref: string | null;
  readonly meta: Meta;
  declare readonly [PAYLOAD]: T | typeof NO_PAYLOAD;

  constructor(kind: ValueKind, payload: T, options: ValueOptions = {}) {
    this.kind = kind;
    this.ref = options.ref ?? null;
    this.meta = metaOf(options.meta);
    Object.defineProperty(this, PAYLOAD, { value: payload, enumerable: false });
  }

  /** A Value that stands for a result not computed yet: it has `ref` and no payload. For trace handlers. */
  static placeholder<T = unknown>(kind: ValueKind, ref: string, meta?: Meta): Value<T> {
    return new Value<T>(kind, NO_PAYLOAD as T, { ref, ...(meta ? { meta } : {}) });
  }

  /** Whether this Value is a placeholder (no payload until execution). */
  get isPlaceholder(): boolean {
    return this[PAYLOAD] === NO_PAYLOAD;
  }

  /** The data. Throws a TraceError for a placeholder, which has none. */
  get payload(): T {
    const payload = this[PAYLOAD];
    if (payload === NO_PAYLOAD) throw placeholderPayloadError(this.ref, isTracing());
    return payload;
  }

  /** Whether this Value carries an error (kind ERROR). */
  isError(): boolean {
    return this.kind === ValueKind.ERROR;
  }

  /** The error carried by an ERROR Value (usually an Error), or `undefined` for other kinds. */
  get error(): unknown {
    return this.kind === ValueKind.ERROR ? this[PAYLOAD] : undefined;
  }

  /**
   * The field `key` of an object payload, as a Value (one key: no dotted paths; use `F.select` for paths).
   * While tracing a Value with a ref, records an access node. Otherwise: an ERROR input returns itself; a
   * missing key or a non-object payload gives an ERROR Value; a field that is a Value is returned as is.
   */
  get<U, K extends ValueKey<U>>(this: Value<U>, key: K): Value<FieldOf<U, K>> {
    return this.access("get", key) as Value<FieldOf<U, K>>;
  }

  /** The element at `index` (negative counts from the end) of an array payload; otherwise like {@link get}. */
  at<U>(this: Value<U>, index: IndexOf<U>): Value<ElementOf<U>> {
    return this.access("at", index as number) as Value<ElementOf<U>>;
  }

  /** The keys of an object payload, as a STRUCTURED Value; traced like {@link get}. */
  keys<U>(this: Value<U>): Value<ValueKey<U>[]> {
    return this.access("keys") as Value<ValueKey<U>[]>;
  }

  /** The field values of an object payload, as a STRUCTURED Value; traced like {@link get}. */
  values<U>(this: Value<U>): Value<FieldValue<U>[]> {
    return this.access("values") as Value<FieldValue<U>[]>;
  }

  /** The `[key, value]` pairs of an object payload, as a STRUCTURED Value; traced like {@link get}. */
  entries<U>(this: Value<U>): Value<[ValueKey<U>, FieldValue<U>][]> {
    return this.access("entries") as Value<[ValueKey<U>, FieldValue<U>][]>;
  }

  /**
   * Iterates a concrete payload: array elements as Values, object keys as TEXT Values; nothing for other
   * payloads (a text Value is not iterable, so deep-equality helpers cannot recurse forever on it).
   * Elements are typed `Value` (untyped: a typed iterator would make `Value<T>` invariant); use
   * `at(i)` for typed access. Throws a TraceError for a traced Value while tracing.
   */
  *[Symbol.iterator](): Iterator<Value> {
    if (this.isTraced()) throw iteratedError(this.ref);
    if (this[PAYLOAD] === NO_PAYLOAD) throw placeholderPayloadError(this.ref, false);
    yield* iterateValue(this);
  }

  /** String/number conversion; throws a TraceError for a traced Value while tracing or any placeholder. */
  [Symbol.toPrimitive](hint: "string" | "number" | "default"): string | number {
    if (this.isTraced()) throw stringifiedError(this.ref, "convert to a string or number");
    const payload = this[PAYLOAD];
    if (payload === NO_PAYLOAD) throw placeholderPayloadError(this.ref, false);
    if (hint === "number") return typeof payload === "number" ? payload : Number(displayText(payload));
    return displayText(payload);
  }

  toString(): string {
    return this[Symbol.toPrimitive]("string") as string;
  }

  /** `{ kind, payload, ref, meta }` for JSON; throws like `toString` for traced Values and placeholders. */
  toJSON(): unknown {
    if (this.isTraced()) throw stringifiedError(this.ref, "serialize to JSON");
    if (this[PAYLOAD] === NO_PAYLOAD) throw placeholderPayloadError(this.ref, false);
    return valueToJSON(this.kind, this[PAYLOAD], this.ref, this.meta);
  }

  /** Structural equality of kind, ref, payload and meta (plait: dataclass equality). */
  equals(other: unknown): boolean {
    if (!(other instanceof Value)) return false;
    return (
      this.kind === other.kind &&
      this.ref === other.ref &&
      deepEqual(this[PAYLOAD], other[PAYLOAD]) &&
      deepEqual(this.meta, other.meta)
    );
  }

  private isTraced(): boolean {
    return (this.ref !== null || this[PAYLOAD] === NO_PAYLOAD) && isTracing();
  }

  private access(access: "get" | "at" | "keys" | "values" | "entries", key?: string | number): Value {
    const handler = getTraceHandler();
    if (handler && this.ref !== null) return handler.recordAccess(this, access, key);
    return accessValue(this, access, key);
  }
}

Object.defineProperty(Value.prototype, VALUE_BRAND, { value: true });
Object.defineProperty(Value.prototype, Symbol.for("nodejs.util.inspect.custom"), {
  value(this: Value) {
    const payload =
      this[PAYLOAD] === NO_PAYLOAD ? "<placeholder>" : JSON.stringify(displayText(this[PAYLOAD]));
    return `Value(${this.kind}, ${payload}${this.ref === null ? "" : `, ref=${this.ref}`})`;
  },
});

/** Deep structural equality over plain data and Values. @internal */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (a instanceof Value) return a.equals(b);
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (a instanceof Error || b instanceof Error) {
    return a instanceof Error && b instanceof Error && a.name === b.name && a.message === b.message;
  }
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  return keysA.every(
    (key) =>
      Object.hasOwn(b, key) &&
      deepEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
  );
}

/** Whether `x` is a {@link Value} (from any installed copy of weft). */
export function isValue(x: unknown): x is Value {
  return typeof x === "object" && x !== null && VALUE_BRAND in x;
}
