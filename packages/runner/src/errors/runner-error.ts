import { applyBrand, brandCheck, WeftError } from "@weft/provider";

const RUNNER_ERROR_BRAND = Symbol.for("weft.error.runner");

/**
 * What went wrong before or around a dataset run (never a per-item failure, which is a record in `errors/`):
 * - `dataset_not_found`: the input file does not exist;
 * - `dataset_unreadable`: the input file exists but cannot be read, or has an unknown extension;
 * - `run_folder_not_empty`: the output folder holds files and `resume` was not asked for;
 * - `run_folder_invalid`: `resume` on a folder that is not a weft run folder of a format this version reads;
 * - `resume_mismatch`: `resume` on a folder written for another graph or other inputs;
 * - `invalid_run_options`: an option is out of range (for example `maxLinesPerFile: 0`).
 */
export type RunnerErrorCode =
  | "dataset_not_found"
  | "dataset_unreadable"
  | "run_folder_not_empty"
  | "run_folder_invalid"
  | "resume_mismatch"
  | "invalid_run_options";

/** Options of a {@link RunnerError}. */
export interface RunnerErrorOptions {
  /** The file or folder concerned, when there is one. */
  readonly path?: string;
  readonly cause?: unknown;
}

/**
 * A dataset run that cannot start or go on. The message is one line a user can act on; `path` names the
 * file or folder.
 *
 * @example
 * ```ts
 * if (RunnerError.is(error) && error.code === "run_folder_not_empty") console.error("pass --resume");
 * ```
 */
export class RunnerError extends WeftError {
  declare readonly code: RunnerErrorCode;
  readonly path: string | undefined;

  constructor(code: RunnerErrorCode, message: string, options: RunnerErrorOptions = {}) {
    super(code, message, { cause: options.cause });
    applyBrand(this, RUNNER_ERROR_BRAND);
    this.path = options.path;
  }

  /** True for a RunnerError from any installed copy of weft. */
  static override is(value: unknown): value is RunnerError {
    return isRunnerError(value);
  }
}

const isRunnerError = brandCheck<RunnerError>(RUNNER_ERROR_BRAND);
