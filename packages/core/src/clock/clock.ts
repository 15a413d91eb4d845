/**
 * Time, injected. Everything in weft that waits or measures goes through a Clock,
 * so tests drive time with {@link ManualClock} and never sleep.
 */
export interface Clock {
  /** Milliseconds since an arbitrary origin (monotonic for the system clock). */
  now(): number;
  /** Resolves after `ms` milliseconds; rejects with the signal's reason when aborted. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /**
   * Calls `callback` after `ms` milliseconds unless the returned function is called first. Optional: a clock
   * without it still works everywhere through {@link startTimer}, which falls back to `sleep` (the fast path
   * matters on hot paths such as the per-attempt timeout of every provider call).
   */
  schedule?(ms: number, callback: () => void): () => void;
}

/** A timer started with {@link startTimer}: call it to cancel (calling it after the timer fired is harmless). */
export type CancelTimer = () => void;

/** The reason the fallback timer's sleep is aborted with: a constant, so cancelling allocates no error. */
const CANCELLED = Symbol.for("weft.timer.cancelled");

/**
 * Calls `callback` after `ms` milliseconds on `clock`, unless cancelled first. Uses `clock.schedule` when the
 * clock has it (the system clock and {@link ManualClock} do), else `clock.sleep` with an abort signal.
 */
export function startTimer(clock: Clock, ms: number, callback: () => void): CancelTimer {
  if (clock.schedule) return clock.schedule(ms, callback);
  const controller = new AbortController();
  clock.sleep(ms, controller.signal).then(callback, () => {});
  return () => controller.abort(CANCELLED);
}

/**
 * `sleep` built on a clock's `schedule` function: resolves when the timer fires; rejects with the signal's reason (and
 * cancels the timer) when the signal aborts first. The system clock and {@link ManualClock} sleep through it.
 * @internal
 */
export function sleepWith(
  schedule: (ms: number, callback: () => void) => CancelTimer,
  ms: number,
  signal: AbortSignal | undefined,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortReason(signal));
      return;
    }
    const onAbort = () => {
      cancel();
      reject(abortReason(signal as AbortSignal));
    };
    const cancel = schedule(ms, () => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    });
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** The reason an aborted signal carries, as an Error (an `AbortError` DOMException when none was given). */
export function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException("The operation was aborted.", "AbortError");
}

function scheduleOnTimers(ms: number, callback: () => void): CancelTimer {
  const timer = setTimeout(callback, Math.max(0, ms));
  return () => clearTimeout(timer);
}

/** The real clock: `performance.now()` and `setTimeout`. */
export const systemClock: Clock = {
  now: () => performance.now(),
  schedule: scheduleOnTimers,
  sleep: (ms, signal) => sleepWith(scheduleOnTimers, ms, signal),
};
