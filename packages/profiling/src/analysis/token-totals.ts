import type { AttemptSpan } from "../model/profile-model.js";
import type { TokenTotals } from "./analysis-types.js";

/** Tokens and cost of the answered attempts among `attempts`. */
export function tokenTotals(attempts: Iterable<AttemptSpan>): TokenTotals {
  let inputTokens = 0;
  let outputTokens = 0;
  let costUsd = 0;
  let unpricedCalls = 0;
  for (const attempt of attempts) {
    if (attempt.outcome !== "ok") continue;
    inputTokens += attempt.inputTokens ?? 0;
    outputTokens += attempt.outputTokens ?? 0;
    if (attempt.costUsd === undefined) unpricedCalls += 1;
    else costUsd += attempt.costUsd;
  }
  return { inputTokens, outputTokens, costUsd, unpricedCalls };
}
