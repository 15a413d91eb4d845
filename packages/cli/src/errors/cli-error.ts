import { applyBrand, brandCheck, WeftError } from "@weft/provider";

const CLI_ERROR_BRAND = Symbol.for("weft.error.cli");

/**
 * Mistakes a user can make on the command line, each reported as one line with exit code 2:
 * - `usage`: an unknown command or flag, a missing argument, a bad flag value;
 * - `file_not_found`: a pipeline, config or trace file that does not exist;
 * - `pipeline_load_failed`: the pipeline file throws while loading;
 * - `no_module_export`: the pipeline file exports no weft module;
 * - `unknown_alias`: the pipeline calls an alias the resource config does not define;
 * - `invalid_pipeline`: an export of the pipeline file has the wrong shape;
 * - `trace_failed`: the pipeline's `forward()` cannot be traced into a graph.
 */
export type CliErrorCode =
  | "usage"
  | "file_not_found"
  | "pipeline_load_failed"
  | "no_module_export"
  | "unknown_alias"
  | "invalid_pipeline"
  | "trace_failed";

/**
 * A user error of the `weft` command: the message is the one line printed after `weft: `, exit code 2.
 *
 * @example
 * ```ts
 * throw new CliError("usage", "--concurrency must be a whole number >= 1, got \"0\"");
 * ```
 */
export class CliError extends WeftError {
  declare readonly code: CliErrorCode;

  constructor(code: CliErrorCode, message: string, options: { readonly cause?: unknown } = {}) {
    super(code, message, options);
    applyBrand(this, CLI_ERROR_BRAND);
  }

  /** True for a CliError from any installed copy of weft. */
  static override is(value: unknown): value is CliError {
    return isCliError(value);
  }
}

const isCliError = brandCheck<CliError>(CLI_ERROR_BRAND);
