import { BudgetExceededError, type BudgetLimitKind } from "../errors/budget-exceeded-error.js";

/** Caps of a budget; an unset field is no cap. */
export interface BudgetLimits {
  /** Dollars. */
  readonly maxUsd?: number;
  /** Input plus output tokens. */
  readonly maxTokens?: number;
  /** Calls that reached a provider (cache hits and calls refused before dispatch do not count). */
  readonly maxCalls?: number;
  /** Clock time (milliseconds, on the budget's clock) after which no call is admitted. */
  readonly deadline?: number;
}

/** An amount of spending: dollars, tokens and calls. */
export interface BudgetAmount {
  readonly usd: number;
  readonly tokens: number;
  readonly calls: number;
}

/** What a limit needs: `undefined` means the call cannot say (it is unpriced, or unbounded in tokens). */
export interface BudgetDemand {
  readonly usd: number | undefined;
  readonly tokens: number | undefined;
  readonly calls: number;
}

/** The answer to "may this demand be reserved now?" */
export type Verdict =
  | { readonly kind: "fits" }
  | { readonly kind: "wait" }
  | { readonly kind: "exceeded"; readonly error: BudgetExceededError };

// Floating-point sums of prices must not refuse the call that lands exactly on the cap.
const TOLERANCE = 1e-9;

function within(total: number, cap: number): boolean {
  return total <= cap + TOLERANCE * Math.max(1, Math.abs(cap));
}

/** The counters of one budget node: its caps, what settled calls spent and what calls in flight reserved. */
export class BudgetLedger {
  readonly spent = { usd: 0, tokens: 0, calls: 0 };
  readonly reserved = { usd: 0, tokens: 0, calls: 0 };

  constructor(
    readonly label: string,
    readonly limits: BudgetLimits,
    readonly parent: BudgetLedger | undefined,
  ) {}

  /** This ledger and its ancestors, innermost first. */
  chain(): BudgetLedger[] {
    const chain: BudgetLedger[] = [];
    for (let ledger: BudgetLedger | undefined = this; ledger; ledger = ledger.parent) chain.push(ledger);
    return chain;
  }

  /**
   * Fits when every cap along the chain holds with all reservations in flight; waits when it would hold only
   * if some of them settled for less; exceeded when it would not hold even if they all settled at zero.
   */
  static judge(chain: readonly BudgetLedger[], demand: BudgetDemand, now: number): Verdict {
    let wait = false;
    for (const ledger of chain) {
      const { deadline } = ledger.limits;
      if (deadline !== undefined && now >= deadline) {
        return exceeded(ledger, "deadline", deadline, now, 0);
      }
      for (const kind of ["usd", "tokens", "calls"] as const) {
        const cap = capOf(ledger.limits, kind);
        if (cap === undefined) continue;
        const need = demand[kind] ?? 0;
        if (!within(ledger.spent[kind] + need, cap))
          return exceeded(ledger, kind, cap, ledger.spent[kind], need);
        if (!within(ledger.spent[kind] + ledger.reserved[kind] + need, cap)) wait = true;
      }
    }
    return wait ? { kind: "wait" } : { kind: "fits" };
  }

  static add(
    chain: readonly BudgetLedger[],
    field: "spent" | "reserved",
    amount: BudgetAmount,
    sign = 1,
  ): void {
    for (const ledger of chain) {
      const counters = ledger[field];
      counters.usd += sign * amount.usd;
      counters.tokens += sign * amount.tokens;
      counters.calls += sign * amount.calls;
      // Removing exactly what was added can leave -1e-19 behind; a reservation counter is never negative.
      if (field === "reserved") {
        counters.usd = Math.max(0, counters.usd);
        counters.tokens = Math.max(0, counters.tokens);
        counters.calls = Math.max(0, counters.calls);
      }
    }
  }
}

function capOf(limits: BudgetLimits, kind: "usd" | "tokens" | "calls"): number | undefined {
  if (kind === "usd") return limits.maxUsd;
  if (kind === "tokens") return limits.maxTokens;
  return limits.maxCalls;
}

function exceeded(
  ledger: BudgetLedger,
  limit: BudgetLimitKind,
  cap: number,
  spent: number,
  requested: number,
): Verdict {
  return {
    kind: "exceeded",
    error: new BudgetExceededError({ limit, cap, spent, requested, budget: ledger.label }),
  };
}
