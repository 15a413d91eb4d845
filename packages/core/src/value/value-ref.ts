const VALUE_REF_BRAND = Symbol.for("weft.value-ref");

/**
 * The placeholder a graph node stores in its args where a traced Value was (plait-spec 2.5). Execution
 * swaps it for the result of the node `ref` names. A literal string that happens to look like a node id is
 * never confused with a reference. Frozen; compare with {@link ValueRef.equals} or by `ref`.
 */
export class ValueRef {
  readonly ref: string;

  constructor(ref: string) {
    this.ref = ref;
    Object.defineProperty(this, VALUE_REF_BRAND, { value: true });
    Object.freeze(this);
  }

  equals(other: unknown): boolean {
    return isValueRef(other) && other.ref === this.ref;
  }

  toString(): string {
    return `ValueRef(${this.ref})`;
  }
}

/** Whether `x` is a {@link ValueRef} (from any installed copy of weft). */
export function isValueRef(x: unknown): x is ValueRef {
  return typeof x === "object" && x !== null && VALUE_REF_BRAND in x;
}
