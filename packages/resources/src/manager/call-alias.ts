import type { GenerateResponse } from "@weft/provider";
import type { BudgetDemandInput, BudgetReservation } from "../budget/budget-types.js";
import { BudgetExceededError } from "../errors/budget-exceeded-error.js";
import { costOf, worstCaseCost } from "../pricing/model-price.js";
import { decideRetry } from "../retry/retry-policy.js";
import { attemptOnEndpoint, totalTokens } from "./attempt-on-endpoint.js";
import { asCallError, type CallRuntime, type CallState, callFields, describeError } from "./call-state.js";
import type { EndpointSelector } from "./endpoint-selector.js";

/** An alias's answer. */
export interface AliasResult {
  readonly response: GenerateResponse;
  readonly endpoint: string;
  readonly attempt: number;
  readonly slot: number;
  readonly costUsd: number | undefined;
}

/**
 * The worst case of a call on any of the alias's endpoints (a retry may land on any of them): input bound at
 * the dearest input rate plus the output bound at the output rate. A figure stays `undefined` when some endpoint
 * cannot bound it.
 */
export function worstCaseDemand(call: CallState, selector: EndpointSelector): BudgetDemandInput {
  let usd: number | undefined = 0;
  let tokens: number | undefined = 0;
  for (const endpoint of selector.all) {
    const output = endpoint.outputBound(call.request.maxTokens);
    const cost = output === undefined ? undefined : worstCaseCost(call.inputTokens, output, endpoint.price);
    usd = usd === undefined || cost === undefined ? undefined : Math.max(usd, cost);
    tokens =
      tokens === undefined || output === undefined ? undefined : Math.max(tokens, call.inputTokens + output);
  }
  return { usd, tokens, calls: 1 };
}

/**
 * Stages 1, 5 and 7 for one alias: reserve the budget, run attempts (each on an endpoint the selector picks)
 * with backoff between them, and settle the reservation with the actual cost, or cancel it when no request left.
 */
export async function callAlias(
  runtime: CallRuntime,
  call: CallState,
  alias: string,
  selector: EndpointSelector,
): Promise<AliasResult> {
  const reservation = await reserve(runtime, call, alias, selector);
  let dispatched = false;
  try {
    for (let attempt = 1; ; attempt++) {
      const endpoint = selector.pick();
      call.attempts++;
      try {
        const { response, slot } = await attemptOnEndpoint(runtime, call, alias, endpoint, attempt, () => {
          dispatched = true;
        });
        const costUsd = costOf(response.usage, endpoint.price);
        if (reservation)
          settle(runtime, call, alias, reservation, { usd: costUsd, tokens: totalTokens(response.usage) });
        return { response, endpoint: endpoint.id, attempt, slot, costUsd };
      } catch (error) {
        const decision = decideRetry(error, attempt, endpoint.config.retry, runtime.random);
        if (!decision.retry) throw error;
        runtime.emit({
          type: "call.retry",
          ...callFields(runtime, call, alias),
          endpoint: endpoint.id,
          attempt,
          nextAttempt: attempt + 1,
          delayMs: decision.delayMs,
          errorKind: describeError(error).errorKind,
        });
        const before = runtime.clock.now();
        await runtime.clock.sleep(decision.delayMs, call.signal).catch((reason: unknown) => {
          throw asCallError(reason, call.signal);
        });
        call.retryWaitMs += runtime.clock.now() - before;
      }
    }
  } catch (error) {
    // A failed call is assumed unbilled: it counts as a call once a request left, and costs nothing.
    if (reservation && dispatched) settle(runtime, call, alias, reservation, { usd: 0, tokens: 0 });
    else reservation?.cancel();
    throw error;
  }
}

async function reserve(
  runtime: CallRuntime,
  call: CallState,
  alias: string,
  selector: EndpointSelector,
): Promise<BudgetReservation | undefined> {
  const budget = call.budget;
  if (!budget) return undefined;
  const demand = worstCaseDemand(call, selector);
  try {
    const reservation = await budget.reserve(demand, { signal: call.signal });
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
    if (BudgetExceededError.is(error)) {
      runtime.emit({
        type: "budget.exceeded",
        ...callFields(runtime, call, alias),
        budget: error.budget,
        limit: error.limit,
        cap: error.cap,
        spent: error.spent,
        requested: error.requested,
      });
    }
    throw asCallError(error, call.signal);
  }
}

function settle(
  runtime: CallRuntime,
  call: CallState,
  alias: string,
  reservation: BudgetReservation,
  actual: { usd: number | undefined; tokens: number | undefined },
): void {
  const charged = reservation.settle({ ...actual, calls: 1 });
  runtime.emit({
    type: "budget.settled",
    ...callFields(runtime, call, alias),
    budget: (call.budget as NonNullable<CallState["budget"]>).label,
    ...charged,
  });
}
