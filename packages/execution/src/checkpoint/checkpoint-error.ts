import { applyBrand, brandCheck, WeftError } from "@weft/provider";

const CHECKPOINT_ERROR_BRAND = Symbol.for("weft.error.checkpoint");

/**
 * A checkpoint file could not be read: not JSON, or not a weft checkpoint (`invalid_checkpoint`), naming the
 * file (and the line, for a JSONL log). Code: `invalid_checkpoint`.
 */
export class CheckpointError extends WeftError {
  readonly path: string;
  readonly line: number | undefined;

  constructor(
    path: string,
    message: string,
    options: { readonly line?: number; readonly cause?: unknown } = {},
  ) {
    super(
      "invalid_checkpoint",
      `${path}${options.line === undefined ? "" : `:${options.line}`}: ${message}`,
      {
        cause: options.cause,
      },
    );
    applyBrand(this, CHECKPOINT_ERROR_BRAND);
    this.path = path;
    this.line = options.line;
  }

  /** True for a CheckpointError from any installed copy of weft. */
  static override is(value: unknown): value is CheckpointError {
    return isCheckpointError(value);
  }
}

const isCheckpointError = brandCheck<CheckpointError>(CHECKPOINT_ERROR_BRAND);
