import type { BudgetAmount } from "./budget-ledger.js";

/** What is left before each cap (cap minus spent minus reserved, at least 0); `undefined` where there is no cap. */
export interface BudgetRemaining {
  readonly usd: number | undefined;
  readonly tokens: number | undefined;
  readonly calls: number | undefined;
  /** Milliseconds until the deadline. */
  readonly timeMs: number | undefined;
}

/** A demand to reserve: `usd`/`tokens` left `undefined` are unknown (refused when a cap needs them). */
export interface BudgetDemandInput {
  readonly usd?: number;
  readonly tokens?: number;
  /** Default: 1. */
  readonly calls?: number;
}

/** Actual spending of a reserved call; an `undefined` field is charged at the reserved amount (the upper bound). */
export interface BudgetActual {
  readonly usd?: number | undefined;
  readonly tokens?: number | undefined;
  /** Default: the reserved calls. */
  readonly calls?: number;
}

/** Budget held for one call in flight; settle it with the actual spending or cancel it. Either, once. */
export interface BudgetReservation {
  readonly amount: BudgetAmount;
  /** How long the call waited for other reservations to settle, in clock milliseconds. */
  readonly waitedMs: number;
  /** Charges the actual spending and frees the rest of the reservation; returns what was charged. */
  settle(actual: BudgetActual): BudgetAmount;
  /** Frees the whole reservation, charging nothing (the call never reached a provider). */
  cancel(): void;
}
