// The timing fields of critical-path steps, for tests that compare paths exactly (not exported from the package).
import type { CriticalStep } from "../analysis/analysis-types.js";

/** Each step's node id and times, without its kind, module path and calls. */
export const stepTimes = (steps: readonly CriticalStep[] | undefined) =>
  steps?.map(({ nodeId, readyMs, startMs, endMs, waitMs, durationMs }) => ({
    nodeId,
    readyMs,
    startMs,
    endMs,
    waitMs,
    durationMs,
  }));
