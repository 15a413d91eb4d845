import { activeTraceState } from "../tracer/tracer.js";

/**
 * Runs `fn` (part of a traced `forward()`) so that every node it records gets `priority`: lower runs first
 * among ready nodes (plait-spec 7.3). Nodes default to 0. Outside a trace it just calls `fn`.
 *
 * @example
 * ```ts
 * const urgent = withPriority(-1, () => this.triage.call(ticket));
 * ```
 */
export function withPriority<T>(priority: number, fn: () => T): T {
  const state = activeTraceState();
  return state ? state.withPriority(priority, fn) : fn();
}
