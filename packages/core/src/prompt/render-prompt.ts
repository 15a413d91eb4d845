import { resolveErrors } from "../functional/resolve-errors.js";
import { displayText } from "../value/display-text.js";
import { unwrap } from "../value/unwrap.js";
import { Value } from "../value/value.js";
import { ValueKind } from "../value/value-kind.js";
import { valueify } from "../value/valueify.js";

/**
 * The text of a `prompt` template from concrete values: each value is valueified (Parameters lifted),
 * unwrapped and printed with `displayText` (strings as they are, objects and arrays as JSON). An ERROR
 * Value among the values is returned instead (errors resolve as in F ops: the first, others as causes).
 * Trace handlers call it at execution for render nodes.
 */
export function renderPrompt(strings: readonly string[], values: readonly unknown[]): Value<string> {
  const lifted = values.map((value) => valueify(value));
  const error = resolveErrors(lifted);
  if (error) return error;
  let text = strings[0] ?? "";
  lifted.forEach((value, index) => {
    text += displayText(unwrap(value)) + (strings[index + 1] ?? "");
  });
  return new Value(ValueKind.TEXT, text);
}
