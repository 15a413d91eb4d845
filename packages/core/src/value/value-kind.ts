/**
 * The ten kinds of data a {@link Value} can hold (plait-spec 2.2). The string values are stable: they are
 * written to checkpoints and graph hashes.
 *
 * - `TEXT`: a string; `FSTRING`: a template with `{name}` slots; `RESPONSE`: a provider response (also the
 *   kind of the placeholder a traced module call returns); `STRUCTURED`: objects and arrays, including
 *   feedback; `INT` / `FLOAT`: numbers (see {@link asFloat}); `ERROR`: an error carried as data;
 *   `TOOL_RESULT`: the output of a tool call; `BINARY`: bytes; `OTHER`: anything else (null, booleans,
 *   class instances).
 */
export const ValueKind = {
  TEXT: "text",
  FSTRING: "fstring",
  RESPONSE: "response",
  STRUCTURED: "structured",
  INT: "int",
  FLOAT: "float",
  ERROR: "error",
  TOOL_RESULT: "tool_result",
  BINARY: "binary",
  OTHER: "other",
} as const;

/** One of the {@link ValueKind} strings. */
export type ValueKind = (typeof ValueKind)[keyof typeof ValueKind];

const KINDS: ReadonlySet<string> = new Set(Object.values(ValueKind));

/** Whether `value` is one of the ten kind strings. */
export function isValueKind(value: unknown): value is ValueKind {
  return typeof value === "string" && KINDS.has(value);
}
