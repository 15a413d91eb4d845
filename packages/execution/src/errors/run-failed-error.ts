import { ExecutionError } from "@weft/core";
import type { NodeKind } from "../events/runtime-events.js";

/** One failed node of a run: which node, of what kind, and the error it threw. */
export interface NodeFailure {
  readonly nodeId: string;
  readonly kind: NodeKind;
  readonly modulePath: string;
  readonly alias?: string;
  readonly error: unknown;
}

function describe(failures: readonly NodeFailure[]): string {
  const listed = failures
    .slice(0, 5)
    .map((f) => `${f.nodeId}: ${f.error instanceof Error ? f.error.message : String(f.error)}`)
    .join("; ");
  const more = failures.length > 5 ? ` (and ${failures.length - 5} more)` : "";
  return `${failures.length} node(s) failed: ${listed}${more}`;
}

/**
 * A strict run (or a bound call) had failed nodes: an `ExecutionError` (code `execution_error`) listing every
 * failure; `nodeId` and `cause` are the first failure's.
 */
export class RunFailedError extends ExecutionError {
  readonly failures: readonly NodeFailure[];

  constructor(failures: readonly NodeFailure[]) {
    const first = failures[0];
    super(describe(failures), {
      ...(first ? { nodeId: first.nodeId, cause: first.error } : {}),
    });
    this.failures = failures;
  }
}
