import { applyBrand, brandCheck, WeftError } from "@weft/provider";

const TASK_TIMEOUT_ERROR_BRAND = Symbol.for("weft.error.task-timeout");

/**
 * A node ran longer than the run's `taskTimeoutMs`, counted from its first start over every attempt, retry
 * wait, re-ask and tool step. Never retried. Code: `task_timeout`.
 */
export class TaskTimeoutError extends WeftError {
  readonly nodeId: string;
  readonly timeoutMs: number;

  constructor(nodeId: string, timeoutMs: number, options: { readonly cause?: unknown } = {}) {
    super("task_timeout", `Task '${nodeId}' timed out after ${timeoutMs} ms`, options);
    applyBrand(this, TASK_TIMEOUT_ERROR_BRAND);
    this.nodeId = nodeId;
    this.timeoutMs = timeoutMs;
  }

  /** True for a TaskTimeoutError from any installed copy of weft. */
  static override is(value: unknown): value is TaskTimeoutError {
    return isTaskTimeoutError(value);
  }
}

const isTaskTimeoutError = brandCheck<TaskTimeoutError>(TASK_TIMEOUT_ERROR_BRAND);
