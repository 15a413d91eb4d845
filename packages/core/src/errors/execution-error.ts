import { applyBrand, brandCheck, WeftError } from "@weft/provider";

/** Fields of an {@link ExecutionError}. */
export interface ExecutionErrorOptions {
  /** The graph node that failed, when known. */
  readonly nodeId?: string;
  readonly cause?: unknown;
}

const EXECUTION_ERROR_BRAND = Symbol.for("weft.error.execution");

/** A node of a run failed (plait-spec 11 `ExecutionError`). Code: `execution_error`. */
export class ExecutionError extends WeftError {
  readonly nodeId: string | undefined;

  constructor(message: string, options: ExecutionErrorOptions = {}) {
    super("execution_error", message, { cause: options.cause });
    applyBrand(this, EXECUTION_ERROR_BRAND);
    this.nodeId = options.nodeId;
  }

  /** True for an ExecutionError from any installed copy of weft. */
  static override is(value: unknown): value is ExecutionError {
    return isExecutionError(value);
  }
}

const isExecutionError = brandCheck<ExecutionError>(EXECUTION_ERROR_BRAND);
