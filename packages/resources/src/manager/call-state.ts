import { abortReason, type Clock, type EventContext } from "@weft/core";
import { type GenerateRequest, ProviderError } from "@weft/provider";
import type { BudgetTracker } from "../budget/budget-tracker.js";
import type { CallTimings, ResourceEvent } from "../events/resource-events.js";
import type { Redactor } from "../secrets/redactor.js";

/** What the call path needs from its manager. */
export interface CallRuntime {
  readonly clock: Clock;
  readonly random: () => number;
  readonly redactor: Redactor;
  emit(event: ResourceEvent): void;
}

/** The mutable record of one `generate` call as it moves through the stages. */
export interface CallState {
  readonly callId: string;
  readonly requestedAlias: string;
  readonly request: GenerateRequest;
  readonly context: EventContext | undefined;
  readonly priority: number;
  readonly signal: AbortSignal | undefined;
  readonly budget: BudgetTracker | undefined;
  readonly stream: boolean | undefined;
  readonly timeoutMs: number | undefined;
  /** Upper bound on the request's input tokens. */
  readonly inputTokens: number;
  readonly startedAt: number;
  attempts: number;
  /** Whether a budget was already charged the call's one `calls` unit (by its first attempt that was sent). */
  callCharged: boolean;
  lastEndpoint: string | undefined;
  budgetWaitMs: number;
  queueWaitMs: number;
  rateLimitWaitMs: number;
  retryWaitMs: number;
  serviceMs: number;
}

/** The call's timings so far. */
export function timingsOf(call: CallState, now: number): CallTimings {
  return {
    budgetWaitMs: call.budgetWaitMs,
    queueWaitMs: call.queueWaitMs,
    rateLimitWaitMs: call.rateLimitWaitMs,
    retryWaitMs: call.retryWaitMs,
    serviceMs: call.serviceMs,
    totalMs: now - call.startedAt,
  };
}

/** The fields every event of this call carries. */
export function callFields(
  runtime: CallRuntime,
  call: CallState,
  alias: string,
): { time: number; context?: EventContext; callId: string; alias: string } {
  const fields: { time: number; context?: EventContext; callId: string; alias: string } = {
    time: runtime.clock.now(),
    callId: call.callId,
    alias,
  };
  if (call.context !== undefined) fields.context = call.context;
  return fields;
}

/**
 * Turns whatever a waiting stage rejected with into the error the caller sees: an abort of the caller's signal
 * becomes a `ProviderError` of kind `aborted` (the reason kept as `cause`), anything else passes through.
 */
export function asCallError(error: unknown, signal: AbortSignal | undefined): unknown {
  if (signal?.aborted && !(ProviderError.is(error) && error.kind === "aborted")) {
    return new ProviderError({
      kind: "aborted",
      message: "the call was aborted",
      cause: abortReason(signal),
    });
  }
  return error;
}

/** Kind and code of an error, for events. */
export function describeError(error: unknown): {
  errorKind: ProviderError["kind"] | undefined;
  errorCode: string | undefined;
} {
  if (ProviderError.is(error)) return { errorKind: error.kind, errorCode: error.code };
  const code = (error as { code?: unknown } | null)?.code;
  return { errorKind: undefined, errorCode: typeof code === "string" ? code : undefined };
}

/** The message of an error, safe to publish. */
export function messageOf(error: unknown, redactor: Redactor): string {
  return redactor.text(error instanceof Error ? error.message : String(error));
}
