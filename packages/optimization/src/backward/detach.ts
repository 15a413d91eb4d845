import { getTraceHandler, hasRefs, type Value } from "@weft/core";
import type { GraphNode } from "@weft/tracing";

/** The op name of {@link detach} in recorded graphs. */
export const DETACH_OP = "weft.detach";

/**
 * Passes `value` through unchanged, but stops feedback there: in a traced forward, an op node that backward
 * (routing and textual gradients) never crosses, so nothing upstream of it is critiqued or receives feedback
 * through this path (PyTorch's `detach()`). The forward dependency stays, so update order is unaffected.
 * Outside a trace it returns `value` itself. A graph saved with a detach node cannot be re-run from JSON.
 *
 * @example
 * ```ts
 * forward(note: Value<string>) {
 *   const items = this.extract.call(prompt`Order note:\n${note}`);
 *   return this.answer.call(prompt`Items:\n${detach(items)}`); // no feedback reaches `extract`
 * }
 * ```
 */
export function detach<T extends Value>(value: T): T {
  const handler = getTraceHandler();
  if (!handler || !hasRefs(value)) return value;
  return handler.recordOp(DETACH_OP, [value], (resolved) => resolved as Value, value.kind) as T;
}

/** Whether a recorded node is a {@link detach} barrier. */
export function isDetachNode(node: GraphNode | undefined): boolean {
  return node?.kind === "op" && node.op === DETACH_OP;
}
