import { errorMessage } from "../value/error-values.js";
import { type ErrorCause, MetaKey } from "../value/meta-keys.js";
import { isPlainObject } from "../value/plain.js";
import { NO_PAYLOAD, rawPayload } from "../value/slots.js";
import { isValue, Value } from "../value/value.js";
import { ValueKind } from "../value/value-kind.js";

function collectErrors(x: unknown, out: Value[]): void {
  if (isValue(x)) {
    if (x.kind === ValueKind.ERROR) {
      if (!out.includes(x)) out.push(x);
    } else if (x.kind === ValueKind.STRUCTURED) {
      const payload = rawPayload(x);
      if (payload !== NO_PAYLOAD) collectErrors(payload, out);
    }
  } else if (Array.isArray(x)) {
    for (const item of x) collectErrors(item, out);
  } else if (isPlainObject(x)) {
    for (const key of Object.keys(x).sort()) collectErrors(x[key], out);
  }
}

/**
 * Deterministic error resolution (plait-spec 3.2), run by every op except the error handlers. Candidates
 * are gathered from `positional` left to right, then `named` by sorted key; inside each: arrays in order,
 * plain objects by sorted key, STRUCTURED payloads entered, ERROR payloads not. The same ERROR Value met
 * twice counts once.
 *
 * No error → `undefined`. One → that same Value. Several → a new ERROR Value with the first one's payload,
 * ref and meta, whose `causes` are its own causes followed by `{ ref, message }` of each other error.
 */
export function resolveErrors(
  positional: readonly unknown[],
  named: Readonly<Record<string, unknown>> = {},
): Value<never> | undefined {
  const errors: Value[] = [];
  collectErrors(positional, errors);
  for (const key of Object.keys(named).sort()) collectErrors(named[key], errors);
  const [primary, ...rest] = errors;
  if (!primary) return undefined;
  if (rest.length === 0) return primary as Value<never>;
  const ownCauses = Array.isArray(primary.meta[MetaKey.causes])
    ? (primary.meta[MetaKey.causes] as ErrorCause[])
    : [];
  const causes: ErrorCause[] = [
    ...ownCauses,
    ...rest.map((error) => ({ ref: error.ref, message: errorMessage(rawPayload(error)) })),
  ];
  return new Value(ValueKind.ERROR, rawPayload(primary) as never, {
    ref: primary.ref,
    meta: { ...primary.meta, [MetaKey.causes]: causes },
  });
}
