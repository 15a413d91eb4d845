/** The typed arrays the recording logs keep their columns in. */
export type TypedColumn = Float64Array | Int32Array | Uint32Array | Uint8Array;

/** Rows a log reserves before it first grows. */
export const INITIAL_ROWS = 1024;

/**
 * The length of a chunked log's next chunk when it has made `made` chunks: `first`, doubling with each chunk, up to
 * `max`. (A shift would wrap past 31 bits and give a negative length once a long recording has made enough chunks.)
 */
export function nextChunkLength(first: number, max: number, made: number): number {
  return Math.min(max, first * 2 ** Math.min(made, 31));
}

/** A copy of `column` with room for `rows` rows (the old rows kept, new ones zero). */
export function grown<T extends TypedColumn>(column: T, rows: number): T {
  const larger = new (column.constructor as new (length: number) => T)(rows);
  larger.set(column);
  return larger;
}

/** A float column whose unset rows read `NaN` (for optional times and amounts). */
export function nanColumn(rows: number): Float64Array {
  return new Float64Array(rows).fill(Number.NaN);
}

/** A copy of a {@link nanColumn} with room for `rows` rows, the new ones `NaN`. */
export function grownNan(column: Float64Array, rows: number): Float64Array {
  const larger = nanColumn(rows);
  larger.set(column);
  return larger;
}

/** `value`, or `undefined` for `NaN` (an unset row of a {@link nanColumn}). */
export function unlessNaN(value: number | undefined): number | undefined {
  return value === undefined || Number.isNaN(value) ? undefined : value;
}
