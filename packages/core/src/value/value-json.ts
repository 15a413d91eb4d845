import { isValueLike } from "./slots.js";
import type { ValueKind } from "./value-kind.js";
import type { Meta } from "./value-types.js";

/** The JSON form of a Value: `{ kind, payload, ref, meta }`. */
export interface ValueJSON {
  readonly kind: ValueKind;
  readonly payload: unknown;
  readonly ref: string | null;
  readonly meta: Meta;
}

/** An Error as JSON data: `{ name, message, code? }`. */
export interface ErrorJSON {
  readonly name: string;
  readonly message: string;
  readonly code?: string;
}

function errorToJSON(error: Error): ErrorJSON {
  const code = (error as { code?: unknown }).code;
  return typeof code === "string"
    ? { name: error.name, message: error.message, code }
    : { name: error.name, message: error.message };
}

/** Builds the JSON form; an Error payload becomes {@link ErrorJSON}. @internal */
export function valueToJSON(kind: ValueKind, payload: unknown, ref: string | null, meta: Meta): ValueJSON {
  return { kind, payload: payload instanceof Error ? errorToJSON(payload) : payload, ref, meta };
}

/** Whether `x` looks like a serialized Value. */
export function isValueJSON(x: unknown): x is ValueJSON {
  if (typeof x !== "object" || x === null || isValueLike(x)) return false;
  const candidate = x as Partial<ValueJSON>;
  return typeof candidate.kind === "string" && "payload" in candidate && "meta" in candidate;
}
