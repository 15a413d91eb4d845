import type { GenerateRequest, GenerateResponse, Usage } from "@weft/provider";
import { ProviderError } from "@weft/provider";
import type { AttemptProgress } from "../budget/failed-attempt-charge.js";
import type { StreamDelta } from "../call/collect-stream.js";
import { runAttempt } from "../call/run-attempt.js";
import type { Slot } from "../limits/slot-pool.js";
import {
  asCallError,
  type CallRuntime,
  type CallState,
  callFields,
  describeError,
  messageOf,
} from "./call-state.js";
import type { EndpointState } from "./endpoint-state.js";

/** An answered attempt and the slot it ran in. */
export interface AttemptResult {
  readonly response: GenerateResponse;
  readonly slot: number;
}

/** Input plus output tokens a response used, when both are known. */
export function totalTokens(usage: Usage): number | undefined {
  return usage.inputTokens === undefined || usage.outputTokens === undefined
    ? undefined
    : usage.inputTokens + usage.outputTokens;
}

/**
 * Stages 2 to 4 of one attempt on one endpoint: a concurrency slot (by priority), rate-limit tokens, then the
 * provider call under the per-attempt timeout. `progress` records whether the request left and whether the
 * provider began to answer (settlement charges a failed attempt by it). The slot is always released and unsent
 * rate-limit tokens returned.
 */
export async function attemptOnEndpoint(
  runtime: CallRuntime,
  call: CallState,
  alias: string,
  endpoint: EndpointState,
  attempt: number,
  progress: AttemptProgress,
): Promise<AttemptResult> {
  const { clock } = runtime;
  // Built only when an event is emitted: most attempts emit two, and this path runs for every LLM call.
  const fields = () => {
    const base = callFields(runtime, call, alias) as ReturnType<typeof callFields> & {
      endpoint: string;
      attempt: number;
    };
    base.endpoint = endpoint.id;
    base.attempt = attempt;
    return base;
  };
  const queuedAt = clock.now();
  let slot: Slot | undefined = endpoint.slots.tryAcquire();
  if (!slot) {
    runtime.emit({
      type: "call.queued",
      ...fields(),
      priority: call.priority,
      queueDepth: endpoint.slots.queued + 1,
      inFlight: endpoint.slots.inFlight,
    });
    try {
      slot = await endpoint.slots.acquire({ priority: call.priority, signal: call.signal });
    } catch (error) {
      throw asCallError(error, call.signal);
    }
  }
  call.queueWaitMs += clock.now() - queuedAt;
  try {
    const request: GenerateRequest = call.request;
    const estimate = call.inputTokens + (endpoint.outputBound(request.maxTokens) ?? 0);
    let ticket = endpoint.limiter.tryAcquire(estimate);
    if (!ticket) {
      try {
        ticket = await endpoint.limiter.acquire(estimate, call.signal);
      } catch (error) {
        throw asCallError(error, call.signal);
      }
    }
    if (ticket.waitedMs > 0) runtime.emit({ type: "call.throttled", ...fields(), waitedMs: ticket.waitedMs });
    call.rateLimitWaitMs += ticket.waitedMs;
    const stream = call.stream ?? endpoint.model.capabilities.streaming;
    // A fixed-shape literal, not a spread of fields(): with a profiler on, every call builds one.
    runtime.emit({
      type: "call.started",
      time: clock.now(),
      context: call.context,
      callId: call.callId,
      alias,
      endpoint: endpoint.id,
      attempt,
      slot: slot.index,
      inFlight: endpoint.slots.inFlight,
      queueDepth: endpoint.slots.queued,
      model: endpoint.modelName,
      stream,
    });
    progress.dispatched = true;
    call.lastEndpoint = endpoint.id;
    const sentAt = clock.now();
    try {
      const response = await runAttempt({
        model: endpoint.model,
        request,
        stream,
        timeoutMs: call.timeoutMs ?? endpoint.config.timeoutMs,
        clock,
        signal: call.signal,
        ...(stream && {
          onDelta: (delta: StreamDelta) =>
            runtime.emit({ type: "call.delta", ...fields(), kind: delta.kind, delta: delta.delta }),
          onAnswerStarted: () => {
            progress.answered = true;
          },
        }),
      });
      ticket.complete({ tokensUsed: totalTokens(response.usage), rateLimit: response.rateLimit });
      call.serviceMs = clock.now() - sentAt;
      return { response, slot: slot.index };
    } catch (error) {
      const limited = ProviderError.is(error) && (error.kind === "rate_limit" || error.kind === "overloaded");
      const retryAfterMs = ProviderError.is(error) ? error.retryAfterMs : undefined;
      ticket.complete({ limited, retryAfterMs, failed: !limited });
      runtime.emit({
        type: "call.attempt_failed",
        ...fields(),
        slot: slot.index,
        inFlight: endpoint.slots.inFlight - 1,
        ...describeError(error),
        message: messageOf(error, runtime.redactor),
        durationMs: clock.now() - sentAt,
      });
      if (limited) {
        runtime.emit({
          type: "call.rate_limited",
          ...fields(),
          errorKind: (error as ProviderError).kind as "rate_limit" | "overloaded",
          status: (error as ProviderError).status,
          retryAfterMs,
        });
      }
      throw error;
    }
  } finally {
    slot.release();
  }
}
