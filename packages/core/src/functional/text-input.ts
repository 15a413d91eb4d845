import { isValue, type Value } from "../value/value.js";

/** Text an op accepts: a string, or a Value whose payload is a string (any kind). */
export type TextInput = string | Value<string> | Value;

/** The string in a text-like input, or `undefined` when it is not text-like. @internal */
export function textOf(x: unknown): string | undefined {
  if (typeof x === "string") return x;
  if (isValue(x) && typeof x.payload === "string") return x.payload;
  return undefined;
}
