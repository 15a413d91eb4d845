import { applyBrand, brandCheck, WeftError } from "@weft/provider";

const PROFILING_ERROR_BRAND = Symbol.for("weft.error.profiling");

/**
 * What went wrong:
 * - `invalid_trace`: a trace is not Trace Event Format JSON weft can read (the message names the event index and
 *   field);
 * - `unreadable_trace`: a trace file could not be read or is not JSON (the message names the file);
 * - `no_path`: `flush()` was called without a path and the profiler has no default `path`;
 * - `write_failed`: a trace or timeline file could not be written (the message names the file).
 */
export type ProfilingErrorCode = "invalid_trace" | "unreadable_trace" | "no_path" | "write_failed";

/**
 * A failure of `@weft/profiling`: reading, analysing or writing a trace.
 *
 * @example
 * ```ts
 * try { await analyzeTraceFile("run.trace.json"); } catch (error) {
 *   if (ProfilingError.is(error) && error.code === "invalid_trace") console.error(error.message);
 * }
 * ```
 */
export class ProfilingError extends WeftError {
  declare readonly code: ProfilingErrorCode;

  constructor(code: ProfilingErrorCode, message: string, options: { readonly cause?: unknown } = {}) {
    super(code, message, options);
    applyBrand(this, PROFILING_ERROR_BRAND);
  }

  /** True for a ProfilingError from any installed copy of weft. */
  static override is(value: unknown): value is ProfilingError {
    return isProfilingError(value);
  }
}

const isProfilingError = brandCheck<ProfilingError>(PROFILING_ERROR_BRAND);
