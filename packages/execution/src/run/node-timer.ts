import { type CancelTimer, type Clock, startTimer } from "@weft/core";
import { TaskTimeoutError } from "../errors/task-timeout-error.js";

/**
 * The abort signal and deadline of one node across all its attempts: it fires when the run is aborted or, with
 * a timeout, when `timeoutMs` have passed since the node first started (retry waits included).
 */
export class NodeTimer {
  readonly signal: AbortSignal | undefined;
  readonly startedAt: number;
  private readonly controller: AbortController | undefined;
  private readonly cancelTimer: CancelTimer | undefined;
  private expired = false;

  constructor(
    nodeId: string,
    clock: Clock,
    runSignal: AbortSignal | undefined,
    timeoutMs: number | undefined,
  ) {
    this.startedAt = clock.now();
    if (timeoutMs === undefined) {
      this.signal = runSignal;
      return;
    }
    const controller = new AbortController();
    this.controller = controller;
    this.signal = runSignal ? AbortSignal.any([runSignal, controller.signal]) : controller.signal;
    this.cancelTimer = startTimer(clock, timeoutMs, () => {
      this.expired = true;
      controller.abort(new TaskTimeoutError(nodeId, timeoutMs));
    });
  }

  /** Whether the node's timeout has passed. */
  get timedOut(): boolean {
    return this.expired;
  }

  /** The timeout error, when the timeout has passed. */
  get timeoutError(): TaskTimeoutError | undefined {
    return this.expired ? (this.controller?.signal.reason as TaskTimeoutError) : undefined;
  }

  /** Stops the deadline (the node reached a final state). */
  stop(): void {
    this.cancelTimer?.();
  }
}
