import { Value } from "./value.js";
import { isValueJSON, type ValueJSON } from "./value-json.js";
import { isValueKind, ValueKind } from "./value-kind.js";

/** A revived error: the name, message and code of the original, which is gone. */
class RevivedError extends Error {
  readonly code: string | undefined;

  constructor(name: string, message: string, code: string | undefined) {
    super(message);
    this.name = name;
    this.code = code;
  }
}

/**
 * Rebuilds a Value from its JSON form (`JSON.parse(JSON.stringify(value))`). An ERROR payload comes back
 * as an Error with the original name, message and code. Throws a TypeError for anything that is not a
 * serialized Value.
 */
export function valueFromJSON(json: unknown): Value {
  if (!isValueJSON(json) || !isValueKind(json.kind)) {
    throw new TypeError("valueFromJSON expects { kind, payload, ref, meta } with a known kind");
  }
  const { kind, ref, meta } = json as ValueJSON;
  let payload = json.payload;
  if (kind === ValueKind.ERROR && typeof payload === "object" && payload !== null) {
    const error = payload as { name?: unknown; message?: unknown; code?: unknown };
    payload = new RevivedError(
      typeof error.name === "string" ? error.name : "Error",
      typeof error.message === "string" ? error.message : "",
      typeof error.code === "string" ? error.code : undefined,
    );
  }
  return new Value(kind, payload, { ref, meta });
}
