import { firstErrorValue, getTraceHandler, hasRefs, type Value, ValueKind, valueify } from "@weft/core";

/**
 * Runs a feedback computation on Values now, or, while tracing with a traced Value among `args`, records it
 * as an op node that runs at execution on the resolved Values. Unlike a leaf module, an op receives Values
 * (their `meta.score` included), which is what combining feedback needs. An ERROR among the arguments is the
 * result. @internal
 */
export function feedbackOp(
  name: string,
  args: readonly unknown[],
  compute: (...values: Value[]) => Value,
): Value {
  const execute = (...resolved: unknown[]): Value => {
    const values = resolved.map((arg) => valueify(arg) as Value);
    return firstErrorValue(...values) ?? compute(...values);
  };
  const handler = getTraceHandler();
  if (handler && hasRefs(...args))
    return handler.recordOp(`loss.${name}`, args, execute, ValueKind.STRUCTURED);
  return execute(...args);
}
