/** Keys `value.get(key)` accepts: the string keys of an object payload (any string when `T` is unknown). */
export type ValueKey<T> = unknown extends T
  ? string
  : T extends readonly unknown[]
    ? never
    : T extends object
      ? Extract<keyof T, string>
      : never;

/** The type of field `K` of `T` (unknown when `T` is unknown). */
export type FieldOf<T, K> = unknown extends T ? unknown : K extends keyof T ? T[K] : never;

/** The type of any field of an object payload (unknown when `T` is unknown). */
export type FieldValue<T> = unknown extends T
  ? unknown
  : T extends readonly unknown[]
    ? never
    : T extends object
      ? T[keyof T]
      : never;

/** The element type of an array payload (unknown when `T` is unknown, never for non-arrays). */
export type ElementOf<T> = unknown extends T ? unknown : T extends readonly (infer E)[] ? E : never;

/** The index type `value.at(i)` accepts: `number` for array payloads, never otherwise. */
export type IndexOf<T> = unknown extends T ? number : T extends readonly unknown[] ? number : never;

/** Metadata of a Value: a frozen record (reserved keys are listed in `MetaKey`). */
export type Meta = Readonly<Record<string, unknown>>;
