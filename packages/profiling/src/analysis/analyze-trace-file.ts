import { readFile } from "node:fs/promises";
import { ProfilingError } from "../errors/profiling-error.js";
import type { ProfileAnalysis } from "./analysis-types.js";
import { type AnalyzeOptions, analyzeTrace } from "./analyze-trace.js";

/**
 * Reads a trace file and parses its JSON. Rejects with a `ProfilingError` `unreadable_trace` naming the file
 * when it cannot be read or parsed.
 */
export async function readTraceFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (cause) {
    throw new ProfilingError("unreadable_trace", `could not read the trace file ${path}`, { cause });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw new ProfilingError("unreadable_trace", `${path} is not JSON: ${(cause as Error).message}`, {
      cause,
    });
  }
}

/**
 * Analyses a trace file written by the profiler (the CLI's `weft profile` calls this). Rejects with a
 * `ProfilingError`: `unreadable_trace` for a file that cannot be read or parsed, `invalid_trace` (naming the
 * file, event and field) for one that breaks the format.
 */
export async function analyzeTraceFile(path: string, options: AnalyzeOptions = {}): Promise<ProfileAnalysis> {
  const trace = await readTraceFile(path);
  try {
    return analyzeTrace(trace, options);
  } catch (error) {
    if (ProfilingError.is(error) && error.code === "invalid_trace") {
      throw new ProfilingError("invalid_trace", `${path}: ${error.message}`, { cause: error });
    }
    throw error;
  }
}
