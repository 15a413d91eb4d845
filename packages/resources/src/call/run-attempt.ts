import { abortReason, type Clock } from "@weft/core";
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
 */
export async function runAttempt(options: AttemptOptions): Promise<GenerateResponse> {
  const { model, clock, signal } = options;
  if (signal?.aborted) throw abortedError(model, signal);
  const connection = new AbortController();
  const timer = new AbortController();
  let stop: (error: unknown) => void = () => {};
  const stopped = new Promise<never>((_, reject) => {
    stop = reject;
  });
  const onCallerAbort = () => stop(abortedError(model, signal as AbortSignal));
  signal?.addEventListener("abort", onCallerAbort, { once: true });
  clock.sleep(options.timeoutMs, timer.signal).then(
    () =>
      stop(
        new ProviderError({
          kind: "timeout",
          message: `the attempt took longer than ${options.timeoutMs} ms`,
          provider: model.provider,
        }),
      ),
    () => {},
  );
  const work = options.stream
    ? collectStream(
        model.stream(options.request, { signal: connection.signal }),
        model.provider,
        options.onDelta,
        options.onAnswerStarted,
      )
    : model.generate(options.request, { signal: connection.signal });
  try {
    return await Promise.race([work, stopped]);
  } catch (error) {
    connection.abort(error);
    work.catch(() => {}); // it may still reject after we gave up on it
    throw error;
  } finally {
    timer.abort();
    signal?.removeEventListener("abort", onCallerAbort);
  }
}

function abortedError(model: LanguageModel, signal: AbortSignal): ProviderError {
  return new ProviderError({
    kind: "aborted",
    message: "the call was aborted",
    provider: model.provider,
    cause: abortReason(signal),
  });
}
