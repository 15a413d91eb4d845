import type { GenerateResponse } from "@weft/provider";
import type { AttemptProgress } from "../budget/failed-attempt-charge.js";
import { costOf } from "../pricing/model-price.js";
import { decideRetry } from "../retry/retry-policy.js";
import { reserveAttempt, settleAnswered, settleFailed } from "./attempt-budget.js";
import { attemptOnEndpoint } from "./attempt-on-endpoint.js";
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
 * Stages 1, 5 and 7 for one alias. Every attempt reserves its own worst case before it runs (a retry that does
 * not fit fails with `BudgetExceededError`) and settles it when it ends: an answer at its actual cost, a failure
 * by the charge rule (refunded only when refused before generation), so every attempt that may have been billed
 * is paid for. Between attempts, a full-jitter backoff.
 */
export async function callAlias(
  runtime: CallRuntime,
  call: CallState,
  alias: string,
  selector: EndpointSelector,
): Promise<AliasResult> {
  let previous: unknown;
  for (let attempt = 1; ; attempt++) {
    const reservation = await reserveAttempt(runtime, call, alias, selector, previous);
    const endpoint = selector.pick();
    call.attempts++;
    const progress: AttemptProgress = { dispatched: false, answered: false };
    try {
      const { response, slot } = await attemptOnEndpoint(runtime, call, alias, endpoint, attempt, progress);
      const costUsd = reservation
        ? settleAnswered(runtime, call, alias, reservation, attempt, endpoint, response)
        : costOf(response.usage, endpoint.price);
      return { response, endpoint: endpoint.id, attempt, slot, costUsd };
    } catch (error) {
      if (reservation) settleFailed(runtime, call, alias, reservation, attempt, endpoint, progress, error);
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
      previous = error;
    }
  }
}
