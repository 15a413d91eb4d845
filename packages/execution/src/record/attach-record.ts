import type { RunResult } from "../run/run-result.js";
import { isGradEnabled } from "./no-grad.js";
import { attachTape } from "./tape-ids.js";
import { registerTape } from "./tape-registry.js";

/**
 * Registers a run's forward record and returns the result with `tapeId` set and every output Value in
 * `values` carrying the id in `meta.tapeIds`, so a loss on those Values can be propagated backwards.
 * `run`, `runBatch` and `runStream` do this for every run in record mode; it is exported for results of a
 * `Runtime` used directly. A result without a record, one already tagged, or one attached inside `noGrad` is
 * returned as is.
 */
export function attachRecord<T>(result: RunResult<T>): RunResult<T> {
  if (!result.record || result.tapeId !== undefined || !isGradEnabled()) return result;
  const tapeId = registerTape(result.record);
  return { ...result, values: attachTape(result.values, tapeId), tapeId };
}
