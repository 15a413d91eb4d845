import { applyBrand, brandCheck, WeftError } from "@weft/provider";

const BUDGET_EXCEEDED_BRAND = Symbol.for("weft.error.resources.budget-exceeded");

/** Which limit of a budget a call would break. */
export type BudgetLimitKind = "usd" | "tokens" | "calls" | "deadline";

/** Fields of a {@link BudgetExceededError}. */
export interface BudgetExceededErrorOptions {
  readonly limit: BudgetLimitKind;
  /** The cap (USD, tokens, calls, or the deadline's clock time). */
  readonly cap: number;
  /** What was already spent against that cap when the call was refused (for `deadline`: the clock time). */
  readonly spent: number;
  /** What the call asked for (its worst-case reservation; 0 for `deadline`). */
  readonly requested: number;
  /** The label path of the budget that refused, e.g. `"run/judge"`. */
  readonly budget: string;
  /** What led to the refusal, e.g. the failed attempt whose retry did not fit. Default: none. */
  readonly cause?: unknown;
}

/**
 * A call would break a budget: even if every reservation in flight settled at zero, it would not fit, or the
 * deadline has passed. Never retried and never a reason to fall back to another alias.
 *
 * @example
 * ```ts
 * try { await manager.generate("fast", request, { budget }); }
 * catch (error) { if (BudgetExceededError.is(error)) console.log(error.limit, error.spent, error.cap); }
 * ```
 */
export class BudgetExceededError extends WeftError {
  declare readonly code: "budget_exceeded";
  readonly limit: BudgetLimitKind;
  readonly cap: number;
  readonly spent: number;
  readonly requested: number;
  readonly budget: string;
  /** Always false: retrying cannot make a budget bigger. */
  readonly isRetryable = false;

  constructor(options: BudgetExceededErrorOptions) {
    super("budget_exceeded", describe(options), options.cause === undefined ? {} : { cause: options.cause });
    applyBrand(this, BUDGET_EXCEEDED_BRAND);
    this.limit = options.limit;
    this.cap = options.cap;
    this.spent = options.spent;
    this.requested = options.requested;
    this.budget = options.budget;
  }

  /** True for a BudgetExceededError from any installed copy of weft. */
  static override is(value: unknown): value is BudgetExceededError {
    return isBudgetExceeded(value);
  }
}

function describe(options: BudgetExceededErrorOptions): string {
  if (options.limit === "deadline") return `budget "${options.budget}": its deadline has passed`;
  return (
    `budget "${options.budget}": a call needing up to ${format(options.requested)} ${options.limit} ` +
    `does not fit (spent ${format(options.spent)} of ${format(options.cap)})`
  );
}

function format(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toPrecision(6);
}

const isBudgetExceeded = brandCheck<BudgetExceededError>(BUDGET_EXCEEDED_BRAND);
