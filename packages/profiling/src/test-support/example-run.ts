// The example run behind the HTML timeline's test and the screenshot in docs/: the word pipeline (a user leaf
// module, a fan-out on `fast`, a join and a chained call on `smart`) run by @weft/execution against
// @weft/testing's mock server through the real @weft/openai provider, with one injected 429.
import { run } from "@weft/execution";
import { startMockServer } from "@weft/testing";
import { aliasCapacities } from "../config/alias-capacities.js";
import { Profiler } from "../profiler/profiler.js";
import { pipelineManager, WordPipeline } from "./real-pipeline.js";

/** The example's input: one `fast` call per word. */
export const EXAMPLE_WORDS = "latency throughput queue slot bubble budget retry trace";

/** The example's run id (its process is `run example`). */
export const EXAMPLE_RUN_ID = "example";

/**
 * Runs the example to completion on a fresh mock server (calls take 60 ms to the first token plus 1.5 ms per
 * token; the fourth request answers 429 with a 50 ms retry-after) and returns its profiler.
 */
export async function runExample(): Promise<Profiler> {
  const server = await startMockServer({
    latency: { timeToFirstTokenMs: 60, perTokenMs: 1.5 },
    faults: [{ fault: "rate_limit", every: 4, count: 1 }],
    rateLimitRetryAfterMs: 50,
  });
  try {
    const manager = pipelineManager(server);
    const profiler = new Profiler({ capacity: aliasCapacities(manager.config) });
    await run(new WordPipeline(), EXAMPLE_WORDS, {
      resources: manager,
      profiler,
      runId: EXAMPLE_RUN_ID,
      strict: true,
    });
    return profiler;
  } finally {
    await server.close();
  }
}
