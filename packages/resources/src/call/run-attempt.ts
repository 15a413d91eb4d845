import { abortReason, type CancelTimer, type Clock, startTimer } from "@weft/core";
import {
  type GenerateRequest,
  type GenerateResponse,
  type LanguageModel,
  ProviderError,
} from "@weft/provider";
import { collectStream, type StreamDelta } from "./collect-stream.js";

/** One attempt of a provider call. */
export interface AttemptOptions {
  readonly model: LanguageModel;
  readonly request: GenerateRequest;
  /** Use `model.stream` (and publish deltas) rather than `model.generate`. */
  readonly stream: boolean;
  /** The attempt fails with a retryable `timeout` error after this long on `clock`. */
  readonly timeoutMs: number;
  readonly clock: Clock;
  /** The caller's signal: the attempt fails at once with kind `aborted` when it fires. */
  readonly signal?: AbortSignal | undefined;
  readonly onDelta?: (delta: StreamDelta) => void;
  /** Called once when a stream yields its first part: the provider accepted the request and may be generating. */
  readonly onAnswerStarted?: () => void;
}

/**
 * Runs one provider call under a per-attempt timeout and the caller's signal. Both abort the provider's
 * connection; the attempt settles at once, without waiting for a provider that ignores its signal. Rejects with a
 * `ProviderError` of kind `timeout` (retryable) or `aborted` (never retried), or with the provider's own error.
 *
 * Every LLM call goes through here, so it keeps its own cost small: one AbortController (the connection's), one
 * timer on the clock, one listener on the caller's signal, and one promise.
 */
export function runAttempt(options: AttemptOptions): Promise<GenerateResponse> {
  const { model, clock, signal } = options;
  if (signal?.aborted) return Promise.reject(abortedError(model, signal));
  const connection = new AbortController();
  return new Promise<GenerateResponse>((resolve, reject) => {
    let settled = false;
    let cancelTimer: CancelTimer | undefined;
    let work: Promise<GenerateResponse> | undefined;
    const finish = (): boolean => {
      if (settled) return false;
      settled = true;
      cancelTimer?.();
      signal?.removeEventListener("abort", onCallerAbort);
      return true;
    };
    // The provider's connection is aborted with the error that ended the attempt, whoever raised it.
    const fail = (error: unknown): void => {
      if (!finish()) return;
      connection.abort(error);
      work?.catch(() => {}); // it may still reject after we gave up on it
      reject(error);
    };
    const onCallerAbort = () => fail(abortedError(model, signal as AbortSignal));
    signal?.addEventListener("abort", onCallerAbort, { once: true });
    cancelTimer = startTimer(clock, options.timeoutMs, () =>
      fail(
        new ProviderError({
          kind: "timeout",
          message: `the attempt took longer than ${options.timeoutMs} ms`,
          provider: model.provider,
        }),
      ),
    );
    try {
      work = options.stream
        ? collectStream(
            model.stream(options.request, { signal: connection.signal }),
            model.provider,
            options.onDelta,
            options.onAnswerStarted,
          )
        : model.generate(options.request, { signal: connection.signal });
    } catch (error) {
      fail(error);
      return;
    }
    if (settled)
      work.catch(() => {}); // aborted while the provider was starting the call
    else
      work.then((response) => {
        if (finish()) resolve(response);
      }, fail);
  });
}

function abortedError(model: LanguageModel, signal: AbortSignal): ProviderError {
  return new ProviderError({
    kind: "aborted",
    message: "the call was aborted",
    provider: model.provider,
    cause: abortReason(signal),
  });
}
