import { WeftError } from "@weft/provider";

/** Whether `error` (or an error it wraps: cause, failures, errors) is a refused budget reservation. */
export function isBudgetStop(error: unknown, depth = 0): boolean {
  if (depth > 6 || typeof error !== "object" || error === null) return false;
  if (WeftError.is(error) && error.code === "budget_exceeded") return true;
  const wrapped = error as { cause?: unknown; failures?: unknown; errors?: unknown };
  const inner: unknown[] = [wrapped.cause];
  for (const list of [wrapped.failures, wrapped.errors]) {
    if (Array.isArray(list))
      for (const item of list) inner.push((item as { error?: unknown })?.error ?? item);
  }
  return inner.some((item) => item !== error && isBudgetStop(item, depth + 1));
}

/** The first refused-budget error among batch items (their own error, or a failed node's), if any. */
export function budgetErrorOf(
  items: readonly {
    readonly error: unknown;
    readonly result?: { readonly errors: readonly { readonly error: unknown }[] } | undefined;
  }[],
): unknown {
  for (const item of items) {
    if (isBudgetStop(item.error)) return item.error;
    for (const failure of item.result?.errors ?? []) if (isBudgetStop(failure.error)) return failure.error;
  }
  return undefined;
}
