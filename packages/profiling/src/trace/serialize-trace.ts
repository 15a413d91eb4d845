import type { TraceFile } from "./trace-types.js";

/**
 * The trace as JSON text with one event per line: diffable and greppable, and far smaller than fully indented
 * JSON for large runs.
 */
export function serializeTrace(trace: TraceFile): string {
  const events = trace.traceEvents.map((event) => JSON.stringify(event)).join(",\n");
  const rest = JSON.stringify({ displayTimeUnit: trace.displayTimeUnit, metadata: trace.metadata });
  return `{"traceEvents":[\n${events}\n],\n${rest.slice(1)}\n`;
}
