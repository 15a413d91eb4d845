import { type Clock, systemClock } from "@weft/core";
import { ResourceError } from "../errors/resource-error.js";
import { type BudgetAmount, type BudgetDemand, BudgetLedger, type BudgetLimits } from "./budget-ledger.js";
import { BudgetRoot } from "./budget-queue.js";
import type { BudgetDemandInput, BudgetRemaining, BudgetReservation } from "./budget-types.js";

/** Options of a {@link BudgetTracker}: its caps (each unset cap is no cap) and where time comes from. */
export interface BudgetTrackerOptions extends BudgetLimits {
  /** Shown in errors and events. Default: `"budget"`. */
  readonly label?: string;
  /** Sets `deadline` to `clock.now() + durationMs` when given. */
  readonly durationMs?: number;
  /** The clock deadlines are read on. Default: `systemClock`. */
  readonly clock?: Clock;
}

/**
 * Caps on dollars, tokens, calls and time, enforced by reservation before each call: a call reserves its worst
 * case, waits while reservations in flight might still refund enough room, and fails with `BudgetExceededError`
 * only when it could not fit even if they all settled at zero. Settlement charges the actual cost and frees the
 * rest, so concurrent calls can never overspend.
 *
 * `child(label)` makes a budget that counts its own spending and also charges every ancestor, so a delegation
 * chain can never exceed the top cap.
 *
 * @example
 * ```ts
 * const budget = new BudgetTracker({ maxUsd: 5, label: "run" });
 * await manager.generate("fast", request, { budget: budget.child("judge") });
 * console.log(budget.spent.usd, budget.remaining().usd);
 * ```
 */
export class BudgetTracker {
  private readonly ledger: BudgetLedger;
  private readonly root: BudgetRoot;

  constructor(options: BudgetTrackerOptions = {}) {
    const clock = options.clock ?? systemClock;
    const deadline = options.durationMs === undefined ? options.deadline : clock.now() + options.durationMs;
    this.root = new BudgetRoot(clock);
    this.ledger = new BudgetLedger(options.label ?? "budget", limitsOf({ ...options, deadline }), undefined);
  }

  private static childOf(parent: BudgetTracker, label: string, limits: BudgetLimits): BudgetTracker {
    const child = Object.create(BudgetTracker.prototype) as BudgetTracker;
    const ledger = new BudgetLedger(`${parent.ledger.label}/${label}`, limitsOf(limits), parent.ledger);
    Object.assign(child, { ledger, root: parent.root });
    return child;
  }

  /** The label path, e.g. `"run/judge"`. */
  get label(): string {
    return this.ledger.label;
  }

  /** This budget's own caps (ancestors' caps apply too). */
  get limits(): BudgetLimits {
    return this.ledger.limits;
  }

  /** What settled calls charged to this budget (children included). */
  get spent(): BudgetAmount {
    return { ...this.ledger.spent };
  }

  /** What calls in flight hold on this budget (children included). */
  get reserved(): BudgetAmount {
    return { ...this.ledger.reserved };
  }

  /** The room left under each cap, the tightest along the chain of ancestors. */
  remaining(): BudgetRemaining {
    const now = this.root.clock.now();
    const room = (kind: "usd" | "tokens" | "calls", cap: keyof BudgetLimits) => {
      let least: number | undefined;
      for (const ledger of this.ledger.chain()) {
        const limit = ledger.limits[cap];
        if (limit === undefined) continue;
        const left = Math.max(0, limit - ledger.spent[kind] - ledger.reserved[kind]);
        least = least === undefined ? left : Math.min(least, left);
      }
      return least;
    };
    const deadlines = this.ledger
      .chain()
      .flatMap((l) => (l.limits.deadline === undefined ? [] : [l.limits.deadline]));
    return {
      usd: room("usd", "maxUsd"),
      tokens: room("tokens", "maxTokens"),
      calls: room("calls", "maxCalls"),
      timeMs: deadlines.length === 0 ? undefined : Math.max(0, Math.min(...deadlines) - now),
    };
  }

  /** Whether some cap along the chain needs a call's worst-case dollars / tokens to admit it. */
  needs(): { readonly usd: boolean; readonly tokens: boolean } {
    const chain = this.ledger.chain();
    return {
      usd: chain.some((l) => l.limits.maxUsd !== undefined),
      tokens: chain.some((l) => l.limits.maxTokens !== undefined),
    };
  }

  /** A budget for part of the work: its own optional caps, counted against this budget's caps as well. */
  child(label: string, limits: BudgetLimits = {}): BudgetTracker {
    return BudgetTracker.childOf(this, label, limits);
  }

  /** Charges spending that happened outside a reservation (it may push the counters past a cap). */
  charge(amount: Partial<BudgetAmount>): void {
    BudgetLedger.add(this.ledger.chain(), "spent", { usd: 0, tokens: 0, calls: 0, ...amount });
    this.root.pump();
  }

  /**
   * Reserves room for one call, waiting (abortably) while reservations in flight may still free enough.
   * Rejects with `BudgetExceededError` when it cannot fit even if they all settle at zero or the deadline passes,
   * and with `ResourceError` `unpriced_call` when a cap needs a figure the demand does not give.
   */
  reserve(
    input: BudgetDemandInput,
    options: { readonly signal?: AbortSignal } = {},
  ): Promise<BudgetReservation> {
    const demand: BudgetDemand = { usd: input.usd, tokens: input.tokens, calls: input.calls ?? 1 };
    const needs = this.needs();
    if ((needs.usd && demand.usd === undefined) || (needs.tokens && demand.tokens === undefined)) {
      const capped = needs.usd && demand.usd === undefined ? "dollars" : "tokens";
      return Promise.reject(
        new ResourceError(
          "unpriced_call",
          `budget "${this.label}" caps ${capped} but the call has no upper bound on them ` +
            "(set maxTokens, the endpoint's maxOutputTokens, or a price for the model)",
        ),
      );
    }
    const chain = this.ledger.chain();
    const clock = this.root.clock;
    const started = clock.now();
    const grant = (): BudgetReservation => this.grant(chain, demand, clock.now() - started);
    const verdict = BudgetLedger.judge(chain, demand, started);
    if (verdict.kind === "fits") return Promise.resolve(grant());
    if (verdict.kind === "exceeded") return Promise.reject(verdict.error);
    return this.root.wait(chain, demand, options.signal, grant);
  }

  private grant(chain: readonly BudgetLedger[], demand: BudgetDemand, waitedMs: number): BudgetReservation {
    const amount: BudgetAmount = { usd: demand.usd ?? 0, tokens: demand.tokens ?? 0, calls: demand.calls };
    BudgetLedger.add(chain, "reserved", amount);
    let open = true;
    const close = () => {
      if (!open) throw new Error("a budget reservation was settled twice");
      open = false;
      BudgetLedger.add(chain, "reserved", amount, -1);
    };
    return {
      amount,
      waitedMs,
      settle: (actual) => {
        close();
        const charged: BudgetAmount = {
          usd: actual.usd ?? amount.usd,
          tokens: actual.tokens ?? amount.tokens,
          calls: actual.calls ?? amount.calls,
        };
        BudgetLedger.add(chain, "spent", charged);
        this.root.pump();
        return charged;
      },
      cancel: () => {
        close();
        this.root.pump();
      },
    };
  }
}

function limitsOf(options: BudgetLimits): BudgetLimits {
  const limits: { -readonly [K in keyof BudgetLimits]: BudgetLimits[K] } = {};
  for (const key of ["maxUsd", "maxTokens", "maxCalls", "deadline"] as const) {
    const value = options[key];
    if (value === undefined) continue;
    if (Number.isNaN(value) || value < 0)
      throw new RangeError(`budget ${key} must be a number >= 0, got ${value}`);
    limits[key] = value;
  }
  return limits;
}
