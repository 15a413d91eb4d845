import { toValue, type Value } from "@weft/core";

/**
 * How a dataset entry reaches a module: as one Value holding the whole entry (`toValue(input)`: an object or
 * array is one STRUCTURED Value, a string a TEXT Value), so `forward(item: Value<Item>)` reads fields with
 * `item.get("field")`, and the graph has the same shape whatever fields an entry has.
 */
export function itemArgument(input: unknown): Value {
  return toValue(input) as Value;
}
