import { AsyncLocalStorage } from "node:async_hooks";
import type { BudgetTracker } from "@weft/resources";

/** What a running run makes visible to code its nodes run (nested runs). */
export interface RunScope {
  readonly runId: string;
  readonly budget: BudgetTracker | undefined;
  /** 0 for a top-level run, 1 for a run started inside one of its nodes, ... */
  readonly depth: number;
}

const runs = new AsyncLocalStorage<RunScope>();

/** The run whose node is executing here, if any. */
export function currentRun(): RunScope | undefined {
  return runs.getStore();
}

/** Runs `fn` as part of `scope`: everything it starts (nodes, leaves, nested runs) sees the scope. */
export function inRunScope<T>(scope: RunScope, fn: () => T): T {
  return runs.run(scope, fn);
}

/**
 * The budget a run uses: its own when given; otherwise, inside another run, a child of that run's budget
 * labelled `label` (so nested runs count against the enclosing cap); otherwise none.
 */
export function budgetFor(own: BudgetTracker | undefined, label: string): BudgetTracker | undefined {
  if (own) return own;
  return runs.getStore()?.budget?.child(label);
}
