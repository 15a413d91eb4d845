import { ProviderError, WeftError } from "@weft/provider";

/**
 * The `kind` an item error is recorded with: a provider error's kind (`rate_limit`, `timeout`, ...), a weft
 * error's code (`budget_exceeded`, `schema_validation`, ...), else the error's class name, else `"error"`.
 */
export function errorKind(error: unknown): string {
  if (ProviderError.is(error)) return error.kind;
  if (WeftError.is(error)) return error.code;
  if (error instanceof Error && error.name !== "Error") return error.name;
  return "error";
}

/** An error's message on one line (a thrown non-Error is shown as text). */
export function errorMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\s*\n\s*/g, " ").trim();
}

/**
 * The first error held in an output (depth first; arrays and plain objects are searched, 8 levels deep): a
 * failed, cancelled or skipped output of the graph holds its Error instead of data.
 */
export function errorInOutput(output: unknown, depth = 0): Error | undefined {
  if (output instanceof Error) return output;
  if (depth >= 8 || typeof output !== "object" || output === null) return undefined;
  const members = Array.isArray(output) ? output : Object.values(output);
  for (const member of members) {
    const found = errorInOutput(member, depth + 1);
    if (found) return found;
  }
  return undefined;
}
