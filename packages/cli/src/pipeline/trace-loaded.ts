import { tracePipeline } from "@weft/runner";
import type { InferenceGraph } from "@weft/tracing";
import { CliError } from "../errors/cli-error.js";
import type { LoadedPipeline } from "./load-pipeline.js";

/**
 * Traces a loaded pipeline as the runner runs it (`tracePipeline`). A pipeline whose `forward()` cannot be
 * traced is a user error: CliError `trace_failed` with the first line of the reason.
 */
export function traceLoaded(pipeline: LoadedPipeline, shownPath: string): InferenceGraph {
  try {
    return tracePipeline(pipeline.module);
  } catch (cause) {
    const reason = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
    throw new CliError("trace_failed", `cannot trace pipeline ${shownPath}: ${reason.split("\n")[0]}`, {
      cause,
    });
  }
}
