import type { GenerateResponse } from "@weft/provider";
import type { BudgetActual, BudgetDemandInput, BudgetReservation } from "../budget/budget-types.js";
import { type AttemptProgress, failedAttemptCharge } from "../budget/failed-attempt-charge.js";
import { BudgetExceededError } from "../errors/budget-exceeded-error.js";
import type { BudgetSettledEvent } from "../events/resource-events.js";
import { costOf, worstCaseCost } from "../pricing/model-price.js";
import { totalTokens } from "./attempt-on-endpoint.js";
import { asCallError, type CallRuntime, type CallState, callFields } from "./call-state.js";
import type { EndpointSelector } from "./endpoint-selector.js";
import type { EndpointState } from "./endpoint-state.js";

/**
 * The worst case of one attempt on any of the alias's endpoints (the selector picks after the reservation): input
 * bound at the dearest input rate plus the output bound at the output rate. A figure stays `undefined` when some
 * endpoint cannot bound it. The call's one `calls` unit is asked for until an attempt that was sent charged it.
 */
export function worstCaseDemand(call: CallState, selector: EndpointSelector): BudgetDemandInput {
  let usd: number | undefined = 0;
  let tokens: number | undefined = 0;
  for (const endpoint of selector.all) {
    const worst = endpointWorstCase(call, endpoint);
    usd = usd === undefined || worst.usd === undefined ? undefined : Math.max(usd, worst.usd);
    tokens = tokens === undefined || worst.tokens === undefined ? undefined : Math.max(tokens, worst.tokens);
  }
  return { usd, tokens, calls: call.callCharged ? 0 : 1 };
}

function endpointWorstCase(call: CallState, endpoint: EndpointState): BudgetActual {
  const output = endpoint.outputBound(call.request.maxTokens);
  if (output === undefined) return { usd: undefined, tokens: undefined };
  return { usd: worstCaseCost(call.inputTokens, output, endpoint.price), tokens: call.inputTokens + output };
}

/**
 * Stage 1 for one attempt: reserves its worst case on the call's budget (waiting while refunds may make room),
 * emitting `budget.reserved`, or `budget.exceeded` before rejecting. `undefined` when the call has no budget.
 * `after` is the error of the attempt a retry follows; it becomes the `cause` of a refusal.
 */
export async function reserveAttempt(
  runtime: CallRuntime,
  call: CallState,
  alias: string,
  selector: EndpointSelector,
  after?: unknown,
): Promise<BudgetReservation | undefined> {
  const budget = call.budget;
  if (!budget) return undefined;
  try {
    const reservation = await budget.reserve(worstCaseDemand(call, selector), { signal: call.signal });
    call.budgetWaitMs += reservation.waitedMs;
    runtime.emit({
      type: "budget.reserved",
      ...callFields(runtime, call, alias),
      budget: budget.label,
      usd: reservation.amount.usd,
      tokens: reservation.amount.tokens,
      waitedMs: reservation.waitedMs,
    });
    return reservation;
  } catch (error) {
    if (!BudgetExceededError.is(error)) throw asCallError(error, call.signal);
    runtime.emit({
      type: "budget.exceeded",
      ...callFields(runtime, call, alias),
      budget: error.budget,
      limit: error.limit,
      cap: error.cap,
      spent: error.spent,
      requested: error.requested,
    });
    if (after === undefined) throw error;
    const { limit, cap, spent, requested } = error;
    const cause = runtime.redactor.error(after);
    throw new BudgetExceededError({ limit, cap, spent, requested, budget: error.budget, cause });
  }
}

/**
 * Stage 7 for an answered attempt: charges its actual cost (its reservation where the cost is unknown). Returns
 * the cost, so the caller does not price the usage again.
 */
export function settleAnswered(
  runtime: CallRuntime,
  call: CallState,
  alias: string,
  reservation: BudgetReservation,
  attempt: number,
  endpoint: EndpointState,
  response: GenerateResponse,
): number | undefined {
  const usd = costOf(response.usage, endpoint.price);
  const actual = { usd, tokens: totalTokens(response.usage) };
  settle(runtime, call, alias, reservation, attempt, actual, usd === undefined ? "worst_case" : "usage");
  return usd;
}

/**
 * Stage 7 for a failed attempt, by {@link failedAttemptCharge}: cancelled when it was never sent, refunded when
 * refused before generation, charged the usage the provider reported, or else the attempt's worst case on the
 * endpoint it ran on (never more than its reservation, which covers every endpoint of the alias).
 */
export function settleFailed(
  runtime: CallRuntime,
  call: CallState,
  alias: string,
  reservation: BudgetReservation,
  attempt: number,
  endpoint: EndpointState,
  progress: AttemptProgress,
  error: unknown,
): void {
  const charge = failedAttemptCharge(error, progress);
  switch (charge.basis) {
    case "not_sent":
      reservation.cancel();
      return;
    case "unbilled":
      settle(runtime, call, alias, reservation, attempt, { usd: 0, tokens: 0 }, "unbilled");
      return;
    case "reported_usage": {
      const actual = { usd: costOf(charge.usage, endpoint.price), tokens: totalTokens(charge.usage) };
      settle(runtime, call, alias, reservation, attempt, actual, "reported_usage");
      return;
    }
    case "worst_case":
      settle(runtime, call, alias, reservation, attempt, endpointWorstCase(call, endpoint), "worst_case");
      return;
  }
}

function settle(
  runtime: CallRuntime,
  call: CallState,
  alias: string,
  reservation: BudgetReservation,
  attempt: number,
  actual: BudgetActual,
  basis: BudgetSettledEvent["basis"],
): void {
  const charged = reservation.settle(actual);
  if (charged.calls > 0) call.callCharged = true;
  runtime.emit({
    type: "budget.settled",
    ...callFields(runtime, call, alias),
    budget: (call.budget as NonNullable<CallState["budget"]>).label,
    attempt,
    basis,
    ...charged,
  });
}
