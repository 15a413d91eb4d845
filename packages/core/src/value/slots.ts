/** Brand of every Value, shared across installed copies. @internal */
export const VALUE_BRAND: unique symbol = Symbol.for("weft.value");
/** Where a Value keeps its payload (non-enumerable). @internal */
export const PAYLOAD: unique symbol = Symbol.for("weft.value.payload");
/** The payload of a placeholder: it has none until execution. @internal */
export const NO_PAYLOAD: unique symbol = Symbol.for("weft.value.no-payload");

interface Branded {
  readonly [PAYLOAD]: unknown;
  readonly ref: string | null;
  readonly kind: string;
}

/** Whether `x` is a Value (from any installed copy of weft). */
export function isValueLike(x: unknown): x is Branded {
  return typeof x === "object" && x !== null && VALUE_BRAND in x;
}

/** The payload of a Value without the placeholder check; `NO_PAYLOAD` for placeholders. @internal */
export function rawPayload(v: Branded): unknown {
  return v[PAYLOAD];
}
