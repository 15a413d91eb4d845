import { checkEventFields } from "./check-event-fields.js";
import { checkPairs } from "./check-pairs.js";

/** One rule a trace breaks: the index of the offending event (-1 for the file as a whole) and what is wrong. */
export interface TraceIssue {
  readonly index: number;
  readonly message: string;
}

/** Options of {@link validateTrace}. */
export interface ValidateTraceOptions {
  /**
   * Also require a `process_name` for every process and a `thread_name` for every thread with slices (weft always
   * writes them). Default: true.
   */
  readonly requireNames?: boolean;
}

/**
 * Checks a trace against the Trace Event Format: required fields per phase (`name`, `ph`, `ts`, `pid`, `tid`;
 * `dur` on `X`; numeric `args` on `C`; `id` on async and flow events; known metadata names), `B`/`E` pairs nesting
 * per thread in file order with matching names and no slice (`X` included) partly overlapping another, `b`/`e`
 * pairs nesting per category and id, and flows (`s`, then `t`, then `f`, in time order, one start per id).
 * Returns every issue found; an empty list means the trace is valid.
 */
export function validateTrace(trace: unknown, options: ValidateTraceOptions = {}): TraceIssue[] {
  const events = Array.isArray(trace) ? trace : (trace as { traceEvents?: unknown } | null)?.traceEvents;
  if (!Array.isArray(events)) return [{ index: -1, message: "no traceEvents array" }];
  const issues: TraceIssue[] = [];
  const valid = checkEventFields(events, issues);
  checkPairs(valid, issues, options.requireNames ?? true);
  return issues;
}
