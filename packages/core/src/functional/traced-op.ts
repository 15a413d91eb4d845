import { getTraceHandler, type OpExecutor } from "../dispatch/trace-handler.js";
import { hasRefs } from "../value/refs.js";
import type { Value } from "../value/value.js";
import type { ValueKind } from "../value/value-kind.js";

/**
 * Runs op `name` now, or, while tracing with any Value that has a ref among `args` (arrays and plain
 * objects walked, payloads not), asks the trace handler to record it: the node's executor is `run`, the
 * pure op, called with the resolved arguments. @internal
 */
export function tracedOp<R extends Value>(
  name: string,
  kind: ValueKind,
  args: readonly unknown[],
  run: (...args: never[]) => R,
): R {
  const handler = getTraceHandler();
  if (handler && hasRefs(...args))
    return handler.recordOp(`F.${name}`, args, run as unknown as OpExecutor, kind) as R;
  return (run as unknown as (...args: readonly unknown[]) => R)(...args);
}
