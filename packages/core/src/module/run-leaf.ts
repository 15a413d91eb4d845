import { checkSchema } from "../schema/check-schema.js";
import { firstErrorValue } from "../value/error-values.js";
import { unwrap } from "../value/unwrap.js";
import { valueify } from "../value/valueify.js";
import type { LeafModule } from "./leaf-module.js";
import { inputSchemaOf, outputSchemaOf } from "./schemas.js";

/**
 * Runs a leaf module's `forward()` on concrete arguments; what an executor does for a leaf node, and what
 * a direct call does.
 *
 * 1. Arguments that are Promises are awaited (so direct calls can be chained).
 * 2. An ERROR Value anywhere in the arguments (not inside payloads) short-circuits: that Value is the
 *    result and `forward()` does not run (plait-spec 3.5).
 * 3. Arguments are valueified (Parameters lifted) and unwrapped to plain data.
 * 4. With an `inputSchema`, the first argument is parsed with it (SchemaValidationError on mismatch).
 * 5. `forward()` is awaited; with an `outputSchema`, its result is parsed with it.
 */
export async function runLeaf(module: LeafModule, args: readonly unknown[]): Promise<unknown> {
  const resolved = await Promise.all(args);
  const error = firstErrorValue(...resolved);
  if (error) return error;
  const name = module.constructor.name;
  const plain = resolved.map((arg) => unwrap(valueify(arg)));
  const inputSchema = inputSchemaOf(module);
  if (inputSchema) plain[0] = await checkSchema(inputSchema, plain[0], `${name} input`);
  const output = await (module.forward as (...input: unknown[]) => unknown)(...plain);
  const outputSchema = outputSchemaOf(module);
  return outputSchema ? checkSchema(outputSchema, output, `${name} output`) : output;
}
