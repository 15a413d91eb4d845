import { AsyncLocalStorage } from "node:async_hooks";
import type { BudgetTracker } from "@weft/resources";

/** What a run with a budget makes visible to code its nodes run: nested runs charge a child of the budget. */
export interface RunScope {
  readonly runId: string;
  readonly budget: BudgetTracker;
}

const runs = new AsyncLocalStorage<RunScope>();

/** The innermost run with a budget whose node is executing here, if any. */
export function currentRun(): RunScope | undefined {
  return runs.getStore();
}

/**
 * Runs `fn` as part of `scope`: everything it starts (nodes, leaves, nested runs) sees the scope. Without a
 * budget there is nothing to pass down, and `fn` runs as is (AsyncLocalStorage costs every promise a hook).
 */
export function inRunScope<T>(
  scope: { readonly runId: string; readonly budget: BudgetTracker | undefined },
  fn: () => T,
): T {
  const budget = scope.budget;
  return budget ? runs.run({ runId: scope.runId, budget }, fn) : fn();
}

/**
 * The budget a run uses: its own when given; otherwise, inside another run, a child of that run's budget
 * labelled `label` (so nested runs count against the enclosing cap); otherwise none.
 */
export function budgetFor(own: BudgetTracker | undefined, label: string): BudgetTracker | undefined {
  if (own) return own;
  return runs.getStore()?.budget?.child(label);
}
